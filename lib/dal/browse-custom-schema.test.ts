import { browseSuite } from "./browse-suite";

browseSuite("custom");
