import { inviteSuite } from "@/test/support/invite-suite";

inviteSuite("custom");
