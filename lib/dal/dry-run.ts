import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import type { Scope } from "@/lib/roles";

/**
 * A dry run (a dialog's preview, the API's `dryRun: true`) changes nothing but returns user data:
 * emails, session fingerprints, who is blocked. So it is a read and needs `read` as well as the
 * scope of the action it previews; else a key with only a write scope could use it to learn who
 * exists. The action's scope is checked first, so a console viewer hears it needs the admin role.
 */
export function authorizeDryRun<T extends Operator>(operator: T | null | undefined, scope: Scope): T {
  return authorize(authorize(operator, scope), "read");
}
