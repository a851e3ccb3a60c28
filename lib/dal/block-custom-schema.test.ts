import { blockSuite } from "./block-suite";

blockSuite("custom");
