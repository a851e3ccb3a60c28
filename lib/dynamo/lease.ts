// Not server-only: the activity poller takes its leases from instrumentation.ts, where Next may not allow that import.
import { conditionHeld } from "./condition-held";
import type { gatehouseTable } from "./gatehouse-table";

/** What a lease needs of the Gatehouse table (the stream consumer brings its own client). */
type Table = Pick<ReturnType<typeof gatehouseTable>, "doc" | "schema" | "names">;

/**
 * Takes (or renews, as the same `holder`) a lease item in the Gatehouse table for `seconds`: a
 * conditional PutItem that succeeds when there is none, it has expired, or it is the holder's
 * own. False when someone else holds it. Leases free themselves: a holder that died stops renewing.
 */
export async function takeLease(table: Table, key: Record<string, string>, holder: string, label: string, seconds: number): Promise<boolean> {
  const now = Math.floor(Date.now() / 1000);
  return conditionHeld(
    table.doc.put({
      TableName: table.schema.tableName,
      Item: { ...key, type: "LEASE", holder, label, expires: now + seconds },
      ConditionExpression: "attribute_not_exists(#pk) OR #holder = :holder OR #expires < :now",
      ExpressionAttributeNames: { "#pk": table.names.pk, "#holder": "holder", "#expires": "expires" },
      ExpressionAttributeValues: { ":holder": holder, ":now": now },
    }),
  );
}

/** Gives a lease back if `holder` still holds it; true when it did. */
export async function releaseLease(table: Table, key: Record<string, string>, holder: string): Promise<boolean> {
  return conditionHeld(
    table.doc.delete({
      TableName: table.schema.tableName,
      Key: key,
      ConditionExpression: "#holder = :holder",
      ExpressionAttributeNames: { "#holder": "holder" },
      ExpressionAttributeValues: { ":holder": holder },
    }),
  );
}
