import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";

/**
 * The console's side of the guard's table contract (docs/guard.md), written straight into the
 * product table: what Block user, Unblock, Revoke all sessions, Delete user and Merge into… store, for steps that must not
 * depend on the console (a block of one second, which no console duration offers).
 */
export function guardTable(doc: DynamoDBDocument, schema: TableSchema) {
  const key = (userId: string) => ({ [schema.partitionKey]: `USER#${userId}`, [schema.sortKey]: `USER#${userId}` });
  const update = (userId: string, expression: string, values?: Record<string, unknown>) =>
    doc.update({
      TableName: schema.tableName,
      Key: key(userId),
      UpdateExpression: expression,
      ConditionExpression: "attribute_exists(#pk)",
      ExpressionAttributeNames: {
        "#pk": schema.partitionKey,
        ...(expression.includes("#block") && { "#block": "gatehouseBlock" }),
        ...(expression.includes("#revoked") && { "#revoked": "gatehouseRevokedAt" }),
      },
      ...(values && { ExpressionAttributeValues: values }),
    });
  const partition = async (userId: string) =>
    (
      await doc.query({
        TableName: schema.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": schema.partitionKey },
        ExpressionAttributeValues: { ":pk": `USER#${userId}` },
        ConsistentRead: true,
      })
    ).Items ?? [];
  return {
    /** `gatehouseBlock` and `gatehouseRevokedAt`, as Block user sets them; `until` absent: permanent. */
    block: (userId: string, block: { reason: string; by: string; until?: Date }) => {
      const now = new Date().toISOString();
      const map = { since: now, reason: block.reason, by: block.by, ...(block.until && { until: block.until.toISOString() }) };
      return update(userId, "SET #block = :block, #revoked = :now", { ":block": map, ":now": now });
    },
    unblock: (userId: string) => update(userId, "REMOVE #block"),
    revokeAll: (userId: string) => update(userId, "SET #revoked = :now", { ":now": new Date().toISOString() }),
    /** What Delete user leaves: nothing in the user's partition. */
    deleteUser: async (userId: string) => {
      for (const item of await partition(userId))
        await doc.delete({ TableName: schema.tableName, Key: { [schema.partitionKey]: item[schema.partitionKey], [schema.sortKey]: item[schema.sortKey] } });
    },
    /**
     * What Merge into… does, in short: the other user's accounts and sessions move under the kept
     * user (same sort and index keys), then the other user item goes.
     */
    merge: async (otherUserId: string, keepUserId: string) => {
      for (const item of await partition(otherUserId)) {
        const key = { [schema.partitionKey]: item[schema.partitionKey], [schema.sortKey]: item[schema.sortKey] };
        if (/^(ACCOUNT|SESSION)#/.test(String(item[schema.sortKey])))
          await doc.put({ TableName: schema.tableName, Item: { ...item, [schema.partitionKey]: `USER#${keepUserId}`, userId: keepUserId } });
        await doc.delete({ TableName: schema.tableName, Key: key });
      }
    },
    user: async (userId: string) => (await doc.get({ TableName: schema.tableName, Key: key(userId), ConsistentRead: true })).Item,
    heartbeat: async (appName: string) =>
      (await doc.get({ TableName: schema.tableName, Key: { [schema.partitionKey]: "GATEHOUSE#GUARD", [schema.sortKey]: appName }, ConsistentRead: true })).Item,
  };
}
