import { browseSuite } from "./browse-suite";

browseSuite("default");
