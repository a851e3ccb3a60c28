import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { Meter } from "./meter";
import type { Item } from "./scan-page";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * BatchGetItem for up to 100 keys, retrying UnprocessedKeys with backoff. `consistent` reads
 * strongly consistent (twice the read units): for a check that must see a write made just before.
 */
export async function batchGet(
  doc: DynamoDBDocument,
  meter: Meter,
  tableName: string,
  keys: Item[],
  projection: string[],
  options: { consistent?: boolean } = {},
): Promise<Item[]> {
  if (keys.length === 0) return [];
  if (keys.length > 100) throw new Error("batchGet takes at most 100 keys");
  const names = Object.fromEntries(projection.map((attribute, i) => [`#p${i}`, attribute]));
  const expression = Object.keys(names).join(", ");
  const found: Item[] = [];
  let pending: Item[] = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    if (attempt > 8) throw new Error("DynamoDB kept keys unprocessed; try again");
    const result = await meter.run("BatchGetItem", () =>
      doc.batchGet({
        RequestItems: {
          [tableName]: {
            Keys: pending,
            ProjectionExpression: expression,
            ExpressionAttributeNames: names,
            ...(options.consistent ? { ConsistentRead: true } : {}),
          },
        },
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    found.push(...(result.Responses?.[tableName] ?? []));
    pending = (result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
  }
  return found;
}
