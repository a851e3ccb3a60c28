import { blockSuite } from "./block-suite";

blockSuite("default");
