import "server-only";
import type { Meter } from "@/lib/dynamo/meter";
import type { Item } from "@/lib/dynamo/scan-page";
import type { ProductTable } from "./product-table";

/**
 * The item GSI1 holds under one exact key (`USER#<email>`, `ACCOUNT#<provider>` +
 * `ACCOUNT#<id>`, `SESSION#<token>`): one Query, reading only the named attributes.
 */
export async function indexLookup(table: ProductTable, indexKey: Record<string, string>, projection: string[], meter?: Meter): Promise<Item | undefined> {
  const { gpk, gsk } = table.keys.names;
  const names: Record<string, string> = { "#gpk": gpk, "#gsk": gsk };
  for (const [i, attribute] of projection.entries()) names[`#p${i}`] = attribute;
  const query = () =>
    table.doc.query({
      TableName: table.schema.tableName,
      IndexName: table.schema.indexName,
      KeyConditionExpression: "#gpk = :gpk AND #gsk = :gsk",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":gpk": indexKey[gpk], ":gsk": indexKey[gsk] },
      ProjectionExpression: projection.map((_, i) => `#p${i}`).join(", "),
      Limit: 1,
      ReturnConsumedCapacity: "TOTAL",
    });
  const result = meter ? await meter.run("Query", query) : await query();
  return result.Items?.[0];
}
