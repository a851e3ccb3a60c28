import type { TableSchema } from "@/lib/config";
import { eventsFromRecord, type StreamRecordInput } from "./from-record";
import { type ActivityStore, storeEvents } from "./store";

/** A Lambda event from a DynamoDB stream's event source mapping. */
export interface StreamBatchEvent {
  Records: StreamRecordInput[];
}

/** Lambda's partial batch response (`ReportBatchItemFailures` on the event source mapping). */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/**
 * One batch of stream records, in order, as the Lambda consumer handles it: each record's events
 * are stored (once; storeEvents). At the first record that fails, the rest are left alone and that
 * record's sequence number is reported, so Lambda retries the batch from it and no later record
 * is checkpointed before it. Records stored before a failure come back as duplicates and are skipped.
 */
export async function handleStreamBatch(
  event: StreamBatchEvent,
  options: { product: TableSchema; store: ActivityStore; log?: (message: string) => void },
): Promise<StreamBatchResponse> {
  for (const record of event.Records) {
    try {
      await storeEvents(options.store, eventsFromRecord(record, options.product));
    } catch (error) {
      const sequence = record.dynamodb?.SequenceNumber ?? "";
      // The error's name only: a message could quote a key, and keys hold tokens.
      (options.log ?? console.error)(`[activity] record ${sequence} not stored: ${error instanceof Error ? error.name : "unknown error"}`);
      return { batchItemFailures: [{ itemIdentifier: sequence }] };
    }
  }
  return { batchItemFailures: [] };
}
