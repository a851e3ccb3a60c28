import { editUserSuite } from "@/test/support/edit-user-suite";

editUserSuite("default");
