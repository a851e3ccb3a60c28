import "server-only";
import type { ProductTable } from "./product-table";

/**
 * The id of a user other than `userId` that GSI1 holds under this email (`USER#<email>`), if
 * any: one Query, keys only. Not Limit 1: two users may share an email already (a doctor finding).
 */
export async function otherEmailHolder(table: ProductTable, email: string, userId: string): Promise<string | undefined> {
  const { pk, sk, gpk, gsk } = table.keys.names;
  const key = table.keys.userIndex(email);
  const { Items } = await table.doc.query({
    TableName: table.schema.tableName,
    IndexName: table.schema.indexName,
    KeyConditionExpression: "#gpk = :gpk AND #gsk = :gsk",
    ExpressionAttributeNames: { "#gpk": gpk, "#gsk": gsk, "#pk": pk, "#sk": sk },
    ExpressionAttributeValues: { ":gpk": key[gpk], ":gsk": key[gsk] },
    ProjectionExpression: "#pk, #sk",
    Limit: 10,
  });
  for (const item of Items ?? []) {
    const parsed = table.keys.parse(item);
    if (parsed.kind === "user" && parsed.id !== userId) return parsed.id;
  }
  return undefined;
}
