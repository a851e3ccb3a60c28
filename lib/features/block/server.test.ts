import { blockSuite } from "@/test/support/block-suite";

blockSuite("default");
