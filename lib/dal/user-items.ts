import "server-only";
import type { Item } from "@/lib/dynamo/scan-page";
import type { ProductTable } from "./product-table";

/** Every item of a partition, whole, paged. For actions that must see or keep all of it. */
export async function partitionItems(table: ProductTable, partition: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": table.keys.names.pk },
      ExpressionAttributeValues: { ":pk": partition },
      ConsistentRead: true,
      ExclusiveStartKey: start,
    });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
