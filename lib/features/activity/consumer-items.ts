import type { Meter } from "@/lib/dynamo/meter";
import { TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { type Checkpoint, CONSUMER_PARTITION, consumerKeys, type Gap } from "./checkpoints";
import type { ActivityStore } from "./store";

/** The consumer partition as the poller and the pages read it (and the poller's gap notes): not the Lambda's code. */

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
export async function readConsumerItems(store: ActivityStore, now = Date.now(), meter?: Meter): Promise<ConsumerItems> {
  const keys = consumerKeys(store.schema);
  const names: Record<string, string> = { "#pk": keys.names.pk, "#sk": keys.names.sk };
  for (const [i, name] of ATTRIBUTES.entries()) names[`#a${i}`] = name;
  const items: ConsumerItems = { checkpoints: new Map(), leases: new Map(), gaps: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const read = () =>
      store.doc.query({
        TableName: store.schema.tableName,
        KeyConditionExpression: "#pk = :pk",
        ProjectionExpression: ["#sk", ...ATTRIBUTES.map((_, i) => `#a${i}`)].join(", "),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ":pk": CONSUMER_PARTITION },
        ExclusiveStartKey: start,
        // A shard just closed must be seen closed, or its children wait another round.
        ConsistentRead: true,
        ScanIndexForward: false,
        ReturnConsumedCapacity: "TOTAL",
      });
    // The pages' status line is an operator's read, charged to their budget; the poller's own reads are not.
    const page = meter ? await meter.run("Query", read) : await read();
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
  // Keyed by where each gap began; shown by when it was found.
  items.gaps.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return items;
}

const conditionFailed = (error: unknown) => (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";

/**
 * Records that the stream trimmed records of `lost.shardId` before they were stored (its
 * checkpoint is older than the stream keeps, or its shard is gone), then drops that checkpoint
 * if it has not moved meanwhile. No transaction (the console's policies grant none): the gap's
 * key comes from the lost checkpoint, so of two consumers that find the same gap, or one that
 * finds it again after a crash between the two writes, one records it. False when it was already
 * recorded. The gap expires with the activity.
 */
export async function recordGap(store: ActivityStore, lost: Checkpoint, now = new Date()): Promise<boolean> {
  const keys = consumerKeys(store.schema);
  const at = now.toISOString();
  let recorded = true;
  try {
    await store.doc.put({
      TableName: store.schema.tableName,
      Item: {
        ...keys.gap(lost.lastRecordAt ?? lost.checkpointAt ?? at, lost.shardId),
        type: "GAP",
        at,
        shardId: lost.shardId,
        ...(lost.lastRecordAt ? { lastRecordAt: lost.lastRecordAt } : {}),
        [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + store.retentionDays * 86_400,
      },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": keys.names.pk },
    });
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    recorded = false;
  }
  try {
    await store.doc.delete({
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
    });
  } catch (error) {
    // Moved on meanwhile (another reader started the shard again): it stays.
    if (!conditionFailed(error)) throw error;
  }
  return recorded;
}
