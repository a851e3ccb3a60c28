import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { isoOf, type StreamRecordInput } from "./from-record";
import type { ActivityStore } from "./store";

/** Where the stream consumers keep their place: one small partition, read whole by one Query. */
export const CONSUMER_PARTITION = "ACTIVITY#CONSUMER";

/** The Lambda consumer's progress, when its records do not say which shard they came from. */
export const LAMBDA_PROGRESS = "lambda";

/** A closed shard leaves the stream within 24 hours of its last record; its checkpoint is kept a day longer. */
const CLOSED_KEEP_SECONDS = 2 * 86_400;

/**
 * The consumer's items in Gatehouse's table, through its configured key names:
 * - a shard's lease (`LEASE#<shard id>`): who reads it now (lib/dynamo/lease.ts writes it);
 * - a shard's checkpoint (`SHARD#<shard id>`): the last stored record's sequence number and time;
 * - a gap (`GAP#<time>#<shard id>`): records the stream trimmed before they were read.
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

export interface ConsumerItems {
  checkpoints: Map<string, Checkpoint>;
  /** Leases not yet expired, by shard id. */
  leases: Map<string, { holder: string; expires: number }>;
  /** Newest first. */
  gaps: Gap[];
}

const ATTRIBUTES = ["sequence", "lastRecordAt", "checkpointAt", "closed", "consumer", "holder", "at", "shardId", TTL_ATTRIBUTE];
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Every item of the consumer's partition: one Query (paged, it is small), only the attributes read here. */
export async function readConsumerItems(store: ActivityStore, now = Date.now()): Promise<ConsumerItems> {
  const keys = consumerKeys(store.schema);
  const names: Record<string, string> = { "#pk": keys.names.pk, "#sk": keys.names.sk };
  for (const [i, name] of ATTRIBUTES.entries()) names[`#a${i}`] = name;
  const items: ConsumerItems = { checkpoints: new Map(), leases: new Map(), gaps: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.query({
      TableName: store.schema.tableName,
      KeyConditionExpression: "#pk = :pk",
      ProjectionExpression: ["#sk", ...ATTRIBUTES.map((_, i) => `#a${i}`)].join(", "),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":pk": CONSUMER_PARTITION },
      ExclusiveStartKey: start,
      // A shard just closed must be seen closed, or its children wait another round.
      ConsistentRead: true,
      ScanIndexForward: false,
    });
    for (const item of page.Items ?? []) {
      const sort = String(item[keys.names.sk]);
      const [kind] = sort.split("#", 1);
      const rest = sort.slice(`${kind}#`.length);
      if (kind === "SHARD") {
        items.checkpoints.set(rest, {
          shardId: rest,
          sequence: str(item.sequence),
          lastRecordAt: str(item.lastRecordAt),
          checkpointAt: str(item.checkpointAt),
          closed: item.closed === true,
          consumer: item.consumer === "lambda" ? "lambda" : item.consumer === "poll" ? "poll" : undefined,
        });
      } else if (kind === "LEASE") {
        const expires = Number(item[TTL_ATTRIBUTE]);
        // TTL deletes expired items late: an expired lease is nobody's.
        if (typeof item.holder === "string" && expires * 1000 > now) items.leases.set(rest, { holder: item.holder, expires });
      } else if (kind === "GAP") {
        items.gaps.push({ at: str(item.at) ?? rest.slice(0, 24), shardId: str(item.shardId) ?? "", lastRecordAt: str(item.lastRecordAt) });
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
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
 * Records that the stream trimmed records of `lost.shardId` before they were stored (its
 * checkpoint is older than the stream keeps, or its shard is gone), and drops that checkpoint,
 * in one transaction conditional on the checkpoint being unchanged: of two consumers that find
 * the same gap, one records it. False when another did. The gap expires with the activity.
 */
export async function recordGap(store: ActivityStore, lost: Checkpoint, now = new Date()): Promise<boolean> {
  const keys = consumerKeys(store.schema);
  const at = now.toISOString();
  try {
    await store.doc.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: store.schema.tableName,
            Item: {
              ...keys.gap(at, lost.shardId),
              type: "GAP",
              at,
              shardId: lost.shardId,
              ...(lost.lastRecordAt ? { lastRecordAt: lost.lastRecordAt } : {}),
              [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + store.retentionDays * 86_400,
            },
          },
        },
        {
          Delete: {
            TableName: store.schema.tableName,
            Key: keys.checkpoint(lost.shardId),
            ...(lost.sequence === undefined
              ? {
                  ConditionExpression: "attribute_exists(#pk) AND attribute_not_exists(#sequence)",
                  ExpressionAttributeNames: { "#pk": keys.names.pk, "#sequence": "sequence" },
                }
              : {
                  ConditionExpression: "#sequence = :sequence",
                  ExpressionAttributeNames: { "#sequence": "sequence" },
                  ExpressionAttributeValues: { ":sequence": lost.sequence },
                }),
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if ((error as { name?: string } | null)?.name === "TransactionCanceledException") return false;
    throw error;
  }
}

/**
 * The Lambda consumer's progress, for the status line: the shard of the records' source when
 * their ARN names one, else one item for the Lambda as a whole.
 */
export async function noteProgress(store: ActivityStore, shardId: string, last: StreamRecordInput) {
  await saveCheckpoint(store, shardId, last, "lambda");
}
