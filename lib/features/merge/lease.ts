import "server-only";
import { RefusedError } from "@/lib/audit/act";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { releaseLease, takeLease } from "@/lib/dynamo/lease";
import { fingerprint } from "@/lib/secrets";

/** A merge renews its leases on every page it moves (50 items); one whose process died frees its users within half a minute. */
export const MERGE_LEASE_SECONDS = 30;

/** One user's merge lease in the Gatehouse table (hashed id: keys stay free of product data). */
function leaseKey(userId: string) {
  const table = gatehouseTable();
  const hash = fingerprint(`merge-lease:${userId}`);
  return { table, key: { [table.names.pk]: `LEASE#merge#${hash}`, [table.names.sk]: "LEASE#merge" } };
}

/**
 * Takes (or renews, as `holder`) the merge lease of each user: two merges touching one user at
 * once would each see the other's moves as revokes and delete what the other had moved. One
 * lease per user; refused while another merge holds one.
 */
export async function holdMergeLeases(userIds: string[], holder: string): Promise<void> {
  for (const userId of [...userIds].sort()) {
    const { table, key } = leaseKey(userId);
    if (!(await takeLease(table, key, holder, "merge-users", MERGE_LEASE_SECONDS))) {
      throw new RefusedError(`Another merge of user ${userId} is running; try again in half a minute (running it again then finishes whatever it left).`);
    }
  }
}

export async function releaseMergeLeases(userIds: string[], holder: string): Promise<void> {
  for (const userId of userIds) {
    const { table, key } = leaseKey(userId);
    await releaseLease(table, key, holder);
  }
}
