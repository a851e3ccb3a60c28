import { browseSuite } from "@/test/support/browse-suite";

browseSuite("default");
