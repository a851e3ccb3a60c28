import { listJobsSuite } from "@/test/support/list-jobs-suite";

listJobsSuite("custom");
