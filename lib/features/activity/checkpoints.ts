import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { isoOf, type StreamRecordInput } from "./from-record";
import type { ActivityStore } from "./store";

/**
 * Where the stream consumers keep their place: one small partition, read whole by one Query
 * (consumer-items.ts). This file is the activity Lambda's too, so it only puts and updates: the
 * Lambda's role grants nothing else on Gatehouse's table (infra/activity-lambda.json).
 */
export const CONSUMER_PARTITION = "ACTIVITY#CONSUMER";

/** The Lambda consumer's progress, when its records do not say which shard they came from. */
export const LAMBDA_PROGRESS = "lambda";

/** A closed shard leaves the stream within 24 hours of its last record; its checkpoint is kept a day longer. */
const CLOSED_KEEP_SECONDS = 2 * 86_400;

/**
 * The consumer's items in Gatehouse's table, through its configured key names:
 * - a shard's lease (`LEASE#<shard id>`): who reads it now (lib/dynamo/lease.ts writes it);
 * - a shard's checkpoint (`SHARD#<shard id>`): the last stored record's sequence number and time;
 * - a gap (`GAP#<time>#<shard id>`): records the stream trimmed before they were read, keyed by
 *   the last record stored before it (consumer-items.ts writes it).
 */
export function consumerKeys(schema: TableSchema) {
  const { pk, sk } = keysFor(schema).names;
  const key = (sort: string) => ({ [pk]: CONSUMER_PARTITION, [sk]: sort });
  return {
    names: { pk, sk },
    lease: (shardId: string) => key(`LEASE#${shardId}`),
    checkpoint: (shardId: string) => key(`SHARD#${shardId}`),
    gap: (at: string, shardId: string) => key(`GAP#${at}#${shardId}`),
  };
}

export interface Checkpoint {
  shardId: string;
  /** The last stored record's: a reader resumes AFTER_SEQUENCE_NUMBER this. */
  sequence?: string;
  lastRecordAt?: string;
  checkpointAt?: string;
  /** The shard was closed and read to its end: its children may be read. */
  closed: boolean;
  consumer?: "poll" | "lambda";
}

export interface Gap {
  at: string;
  shardId: string;
  /** The last record stored from the shard before the gap, when there was one. */
  lastRecordAt?: string;
}

/**
 * Moves a shard's checkpoint to `last`, the last record of a batch that storeRecords stored
 * whole. Never before: a checkpoint past a record that was not stored would lose it.
 */
export async function saveCheckpoint(store: ActivityStore, shardId: string, last: StreamRecordInput, consumer: "poll" | "lambda", now = new Date()) {
  await store.doc.update({
    TableName: store.schema.tableName,
    Key: consumerKeys(store.schema).checkpoint(shardId),
    UpdateExpression: "SET #shardId = :shardId, #sequence = :sequence, #lastRecordAt = :lastRecordAt, #checkpointAt = :now, #consumer = :consumer",
    ExpressionAttributeNames: {
      "#shardId": "shardId",
      "#sequence": "sequence",
      "#lastRecordAt": "lastRecordAt",
      "#checkpointAt": "checkpointAt",
      "#consumer": "consumer",
    },
    ExpressionAttributeValues: {
      ":shardId": shardId,
      ":sequence": last.dynamodb?.SequenceNumber ?? "",
      ":lastRecordAt": isoOf(last.dynamodb?.ApproximateCreationDateTime),
      ":now": now.toISOString(),
      ":consumer": consumer,
    },
  });
}

/** A closed shard read to its end: its children may be read now. Kept until the stream has dropped the shard. */
export async function closeCheckpoint(store: ActivityStore, shardId: string, now = new Date()) {
  await store.doc.update({
    TableName: store.schema.tableName,
    Key: consumerKeys(store.schema).checkpoint(shardId),
    UpdateExpression: "SET #shardId = :shardId, #closed = :true, #checkpointAt = :now, #consumer = :consumer, #expires = :expires",
    ExpressionAttributeNames: {
      "#shardId": "shardId",
      "#closed": "closed",
      "#checkpointAt": "checkpointAt",
      "#consumer": "consumer",
      "#expires": TTL_ATTRIBUTE,
    },
    ExpressionAttributeValues: {
      ":shardId": shardId,
      ":true": true,
      ":now": now.toISOString(),
      ":consumer": "poll",
      ":expires": Math.floor(now.getTime() / 1000) + CLOSED_KEEP_SECONDS,
    },
  });
}

/**
 * The Lambda consumer's progress, for the status line: the shard of the records' source when
 * their ARN names one, else one item for the Lambda as a whole.
 */
export async function noteProgress(store: ActivityStore, shardId: string, last: StreamRecordInput) {
  await saveCheckpoint(store, shardId, last, "lambda");
}
