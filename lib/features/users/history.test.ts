import { historySuite } from "@/test/support/history-suite";

historySuite("default");
