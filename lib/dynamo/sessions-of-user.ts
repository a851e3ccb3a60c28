import "server-only";
import { prefixes } from "@/lib/dynamo/keys";
import { queryItems } from "@/lib/dynamo/query-pages";
import type { Item } from "@/lib/dynamo/scan-page";
import { fingerprint } from "@/lib/secrets";
import type { ProductTable } from "./product-table";

/** Every session key of one user, paged through one Query each 1 MB, keyed by fingerprint. */
export async function sessionKeysOf(table: ProductTable, userId: string): Promise<Map<string, Item>> {
  const { pk, sk } = table.keys.names;
  const found = new Map<string, Item>();
  const items = await queryItems(table.doc, {
    TableName: table.schema.tableName,
    KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
    ExpressionAttributeNames: { "#pk": pk, "#sk": sk },
    ExpressionAttributeValues: { ":pk": table.keys.userPartition(userId), ":session": prefixes.session },
    ProjectionExpression: "#pk, #sk",
  });
  for (const item of items) {
    const parsed = table.keys.parse(item);
    if (parsed.kind === "session") found.set(fingerprint(parsed.sessionToken), table.keys.keyOf(item));
  }
  return found;
}
