import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import type { Scope } from "@/lib/auth/roles";
import { type ReadTally, tallyReads } from "@/lib/dynamo/read-tally";
import { chargeReadUnits, checkReadBudget } from "@/lib/limits/read-budget";

/**
 * A dry run (a dialog's preview, the API's `dryRun: true`) changes nothing but returns user data:
 * emails, session fingerprints, who is blocked. So it is a read and needs `read` as well as the
 * scope of the action it previews; else a key with only a write scope could use it to learn who
 * exists. The action's scope is checked first, so a console viewer hears it needs the admin role.
 */
export function authorizeDryRun<T extends Operator>(operator: T | null | undefined, scope: Scope): T {
  return authorize(authorize(operator, scope), "read");
}

/**
 * A one-user dry run (a dialog's preview, the API's `dryRun: true`): authorized as above, refused
 * once the operator's read budget is spent, and charged with every read unit DynamoDB reports for
 * it (a preview pages through a user's partition, which may hold many sessions).
 */
export async function chargedDryRun<T>(operator: Operator | null | undefined, scope: Scope, work: () => Promise<T>): Promise<T> {
  const allowed = authorizeDryRun(operator, scope);
  await checkReadBudget(allowed);
  const tally: ReadTally = { units: 0 };
  try {
    return await tallyReads(tally, work);
  } finally {
    await chargeReadUnits(allowed, tally.units).catch((error: unknown) =>
      console.error("[read-budget] could not charge read units:", error instanceof Error ? error.name : error),
    );
  }
}
