import { mergeSuite } from "@/test/support/merge-suite";

mergeSuite("default");
