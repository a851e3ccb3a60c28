import "server-only";
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { principalId, type Operator } from "@/lib/auth/principal";
import { fingerprint } from "@/lib/secrets";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { RateLimitedError, retryIn } from "@/lib/limits/rate-limit";

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
 * Takes (or renews, with the `id` it returned) the operator's one heavy-scan lease: a
 * conditional PutItem in the Gatehouse table that succeeds when there is no lease, the lease
 * has expired, or it is this scan's own. Another scan of the same operator is refused with
 * when to retry; other operators have leases of their own.
 */
export async function acquireScanLease(operator: Operator, label: string, id: string = randomUUID()): Promise<string> {
  const { table, key } = leaseItemKey(operator);
  const now = Math.floor(Date.now() / 1000);
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: { ...key, type: "LEASE", holder: id, label, expires: now + LEASE_SECONDS },
      ConditionExpression: "attribute_not_exists(#pk) OR #holder = :holder OR #expires < :now",
      ExpressionAttributeNames: { "#pk": table.names.pk, "#holder": "holder", "#expires": "expires" },
      ExpressionAttributeValues: { ":holder": id, ":now": now },
    });
    return id;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: key, ConsistentRead: true });
    const seconds = Math.max(1, Number(Item?.expires ?? now + 1) - now);
    const running = typeof Item?.label === "string" ? ` The one running: ${Item.label}.` : "";
    throw new RateLimitedError(`A scan of yours is already running; try again ${retryIn(seconds)}.${running}`, seconds);
  }
}

/** Gives the lease back, if it is still this scan's; true when it was. */
export async function releaseScanLease(operator: Operator, id: string): Promise<boolean> {
  const { table, key } = leaseItemKey(operator);
  try {
    await table.doc.delete({
      TableName: table.schema.tableName,
      Key: key,
      ConditionExpression: "#holder = :holder",
      ExpressionAttributeNames: { "#holder": "holder" },
      ExpressionAttributeValues: { ":holder": id },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
