import type { TableSchema } from "@/lib/config";
import { attributeToGatehouse } from "./attribute";
import { LAMBDA_PROGRESS, noteProgress } from "./checkpoints";
import { eventsFromRecord, type StreamRecordInput } from "./from-record";
import type { ActivityEvent } from "./schema";
import { type ActivityStore, storeEventsSettled } from "./store";

/** A Lambda event from a DynamoDB stream's event source mapping. */
export interface StreamBatchEvent {
  Records: StreamRecordInput[];
}

/** Lambda's partial batch response (`ReportBatchItemFailures` on the event source mapping). */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** What both consumers need to turn records into stored events. */
export interface ConsumeOptions {
  /** The product table's key names, to read its records. */
  product: TableSchema;
  store: ActivityStore;
  log?: (message: string) => void;
}

export interface StoredRecords {
  /** How many records, from the first, are stored: a checkpoint may move past these and no further. */
  done: number;
  events: number;
  /** The first record that could not be stored, by sequence number; nothing after it was tried. */
  failed?: { sequence: string; error: string };
}

/**
 * Records of one shard, in order, as both consumers (the poller and the Lambda) store them: the
 * batch's events are attributed (Gatehouse's doing, by its audit entry), stored side by side and
 * counted once (storeEventsSettled). `done` stops at the first record with an event not stored, so
 * no later record is checkpointed before it; what was stored after it comes back as duplicates
 * when the consumer tries again, and is skipped.
 */
export async function storeRecords(records: readonly StreamRecordInput[], options: ConsumeOptions): Promise<StoredRecords> {
  const fail = (index: number, error: unknown): StoredRecords => {
    const sequence = records[index]?.dynamodb?.SequenceNumber ?? "";
    // The error's name only: a message could quote a key, and keys hold tokens.
    const name = error instanceof Error ? error.name : "unknown error";
    (options.log ?? console.error)(`[activity] record ${sequence} not stored: ${name}`);
    return { done: index, events: 0, failed: { sequence, error: name } };
  };
  let attributed: ActivityEvent[][];
  try {
    // The whole batch is attributed at once, so a user's audit entries are read once per batch.
    attributed = await attributeRecords(records, options);
  } catch (error) {
    return records.length ? fail(0, error) : { done: 0, events: 0 };
  }
  const result = await storeEventsSettled(options.store, attributed.flat());
  if (result.error === undefined) return { done: records.length, events: result.stored };
  let at = 0;
  const done = attributed.findIndex((events) => {
    const settled = result.settled.slice(at, at + events.length);
    at += events.length;
    return settled.some((ok) => !ok);
  });
  return { ...fail(done === -1 ? records.length - 1 : done, result.error), events: result.stored };
}

/** Each record's events, Gatehouse's own marked by their audit entries. */
async function attributeRecords(records: readonly StreamRecordInput[], options: ConsumeOptions): Promise<ActivityEvent[][]> {
  const perRecord = records.map((record) => eventsFromRecord(record, options.product));
  const flat = await attributeToGatehouse(options.store, perRecord.flat());
  let at = 0;
  return perRecord.map((events) => {
    const own = flat.slice(at, at + events.length);
    at += events.length;
    return own;
  });
}

/**
 * The shard a Lambda's records came from, when their source ARN names one; else (a DynamoDB
 * stream's ARN names none today) the Lambda's one progress item.
 */
export function progressShard(record: StreamRecordInput | undefined): string {
  return /\/shard\/([^/]+)$/.exec(record?.eventSourceARN ?? "")?.[1] ?? LAMBDA_PROGRESS;
}

/**
 * One batch as the Lambda consumer handles it: at the first record that fails, that record's
 * sequence number is reported, so Lambda retries the batch from it and checkpoints nothing after it.
 * The last stored record is noted for the status line; a note that fails fails nothing.
 */
export async function handleStreamBatch(event: StreamBatchEvent, options: ConsumeOptions): Promise<StreamBatchResponse> {
  const { done, failed } = await storeRecords(event.Records, options);
  const last = event.Records[done - 1];
  if (last) {
    await noteProgress(options.store, progressShard(last), last).catch((error: unknown) => {
      (options.log ?? console.error)(`[activity] progress not noted: ${error instanceof Error ? error.name : "unknown error"}`);
    });
  }
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.sequence }] : [] };
}
