import { parseDynamoConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { parseActivityConfig } from "./config";
import { handleStreamBatch, type StreamBatchEvent, type StreamBatchResponse } from "./stream-batch";

let clients: ReturnType<typeof createDynamoClients> | undefined;

/**
 * The Lambda consumer's entry point, behind an event source mapping on the product table's
 * stream (with `ReportBatchItemFailures`). It reads the console's own variables: the tables and
 * their key names (`AUTH_DYNAMODB_*`, `GATEHOUSE_TABLE`) and `GATEHOUSE_ACTIVITY_DAYS` and
 * `_SHARDS`; a bad one fails the invocation, so the batch is retried, not dropped.
 */
export async function handler(event: StreamBatchEvent): Promise<StreamBatchResponse> {
  const dynamo = parseDynamoConfig(process.env);
  const activity = parseActivityConfig(process.env, dynamo.engine);
  // No root scope here: a Lambda runs one invocation at a time, with no request stores to keep.
  clients ??= createDynamoClients(dynamo, { scope: null });
  return handleStreamBatch(event, {
    product: dynamo.product,
    store: { doc: clients.doc, schema: dynamo.gatehouse, retentionDays: activity.retentionDays, shards: activity.shards },
  });
}
