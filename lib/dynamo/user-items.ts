import "server-only";
import { queryItems } from "@/lib/dynamo/query-pages";
import type { Item } from "@/lib/dynamo/scan-page";
import type { ProductTable } from "./product-table";

/** Every item of a partition, whole, paged. For actions that must see or keep all of it. */
export async function partitionItems(table: ProductTable, partition: string): Promise<Item[]> {
  return queryItems(table.doc, {
    TableName: table.schema.tableName,
    KeyConditionExpression: "#pk = :pk",
    ExpressionAttributeNames: { "#pk": table.keys.names.pk },
    ExpressionAttributeValues: { ":pk": partition },
    ConsistentRead: true,
  });
}
