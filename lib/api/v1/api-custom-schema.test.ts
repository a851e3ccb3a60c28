import { apiSuite } from "@/test/support/api-suite";

apiSuite("custom");
