import type { DynamoDBDocument, QueryCommandInput, QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { Meter } from "./meter";
import type { Item } from "./scan-page";

export type QueryInput = Omit<QueryCommandInput, "ExclusiveStartKey" | "ReturnConsumedCapacity">;

/** Every page of one Query, in order: the one LastEvaluatedKey → ExclusiveStartKey loop. With a meter, each call is counted and its capacity asked for. */
export async function* queryPages(doc: DynamoDBDocument, input: QueryInput, meter?: Meter): AsyncGenerator<QueryCommandOutput> {
  let start: Item | undefined;
  do {
    const request: QueryCommandInput = { ...input, ExclusiveStartKey: start, ...(meter ? { ReturnConsumedCapacity: "TOTAL" } : {}) };
    const page = meter ? await meter.run("Query", () => doc.query(request)) : await doc.query(request);
    yield page;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item one Query returns, over all its pages. */
export async function queryItems(doc: DynamoDBDocument, input: QueryInput, meter?: Meter): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(doc, input, meter)) items.push(...(page.Items ?? []));
  return items;
}
