import "server-only";
import { prefixes } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import { fingerprint } from "@/lib/secrets";
import type { ProductTable } from "./product-table";

/** Every session key of one user, paged through one Query each 1 MB, keyed by fingerprint. */
export async function sessionKeysOf(table: ProductTable, userId: string): Promise<Map<string, Item>> {
  const { pk, sk } = table.keys.names;
  const found = new Map<string, Item>();
  let start: Item | undefined;
  do {
    const page = await table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
      ExpressionAttributeNames: { "#pk": pk, "#sk": sk },
      ExpressionAttributeValues: { ":pk": table.keys.userPartition(userId), ":session": prefixes.session },
      ProjectionExpression: "#pk, #sk",
      ExclusiveStartKey: start,
    });
    for (const item of page.Items ?? []) {
      const parsed = table.keys.parse(item);
      if (parsed.kind === "session") found.set(fingerprint(parsed.sessionToken), table.keys.keyOf(item));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}
