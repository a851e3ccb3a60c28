import "server-only";
import type { Meter } from "./meter";
import type { ProductTable } from "./product-table";

/**
 * The ids of the users GSI1 holds under this email (`USER#<email>`): one Query, keys only. Not
 * Limit 1: two users may share an email already (a doctor finding).
 */
export async function emailHolders(table: ProductTable, email: string, meter?: Meter): Promise<string[]> {
  const { pk, sk, gpk, gsk } = table.keys.names;
  const key = table.keys.userIndex(email);
  const read = () =>
    table.doc.query({
      TableName: table.schema.tableName,
      IndexName: table.schema.indexName,
      KeyConditionExpression: "#gpk = :gpk AND #gsk = :gsk",
      ExpressionAttributeNames: { "#gpk": gpk, "#gsk": gsk, "#pk": pk, "#sk": sk },
      ExpressionAttributeValues: { ":gpk": key[gpk], ":gsk": key[gsk] },
      ProjectionExpression: "#pk, #sk",
      Limit: 10,
      ReturnConsumedCapacity: "TOTAL",
    });
  const { Items } = meter ? await meter.run("Query", read) : await read();
  return (Items ?? []).flatMap((item) => {
    const parsed = table.keys.parse(item);
    return parsed.kind === "user" ? [parsed.id] : [];
  });
}

/** The id of a user other than `userId` that holds this email, if any. */
export async function otherEmailHolder(table: ProductTable, email: string, userId: string): Promise<string | undefined> {
  return (await emailHolders(table, email)).find((id) => id !== userId);
}
