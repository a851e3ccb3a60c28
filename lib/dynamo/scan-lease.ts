import "server-only";
import { randomUUID } from "node:crypto";
import { type Operator, principalId } from "@/lib/auth/principal";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { releaseLease, takeLease } from "@/lib/dynamo/lease";
import { RateLimitedError, retryIn } from "@/lib/limits/rate-limit";
import { fingerprint } from "@/lib/secrets";

/**
 * A lease lasts this long past its last renewal (each step of a scan renews it), so a lease
 * whose process died frees itself within a minute.
 */
export const LEASE_SECONDS = 60;

function leaseItemKey(operator: Operator) {
  const table = gatehouseTable();
  return { table, key: table.leaseKey(fingerprint(`scan-lease:${principalId(operator).toLowerCase()}`)) };
}

/**
 * Takes (or renews, with the `id` it returned) the operator's one heavy-scan lease. Another
 * scan of the same operator is refused with when to retry; other operators have leases of their own.
 */
export async function acquireScanLease(operator: Operator, label: string, id: string = randomUUID()): Promise<string> {
  const { table, key } = leaseItemKey(operator);
  if (await takeLease(table, key, id, label, LEASE_SECONDS)) return id;
  const now = Math.floor(Date.now() / 1000);
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: key, ConsistentRead: true });
  const seconds = Math.max(1, Number(Item?.expires ?? now + 1) - now);
  const running = typeof Item?.label === "string" ? ` The one running: ${Item.label}.` : "";
  throw new RateLimitedError(`A scan of yours is already running; try again ${retryIn(seconds)}.${running}`, seconds);
}

/** Gives the lease back, if it is still this scan's; true when it was. */
export async function releaseScanLease(operator: Operator, id: string): Promise<boolean> {
  const { table, key } = leaseItemKey(operator);
  return releaseLease(table, key, id);
}
