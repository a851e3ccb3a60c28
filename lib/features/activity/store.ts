import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import type { Meter } from "@/lib/dynamo/meter";
import { TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { type ActivityKeys, activityKeys, dayOf, monthOf, shardOf } from "./keys";
import type { ActivityEvent, ActivityType } from "./schema";

/** Where and how long activity is kept. */
export interface ActivityStore {
  doc: DynamoDBDocument;
  /** Gatehouse's table: events, figures and markers live there, under its configured key names. */
  schema: TableSchema;
  /** GATEHOUSE_ACTIVITY_DAYS: events, markers and figures expire through TTL after this. */
  retentionDays: number;
  shards: number;
}

/** The day's figure each event type adds to; sign-ins are also counted per provider. */
const FIGURES: Partial<Record<ActivityType, string>> = {
  "sign-up": "signUps",
  "sign-in": "signIns",
  "session-created": "sessionsCreated",
  "session-ended": "sessionsEnded",
  "session-expired": "sessionsExpired",
  "link-requested": "linksRequested",
  "link-used": "linksUsed",
  "link-expired": "linksExpired",
  "account-linked": "accountsLinked",
  "account-unlinked": "accountsUnlinked",
};

/** What makes a user active on a day: they signed up or in. */
const ACTIVE: ReadonlySet<ActivityType> = new Set(["sign-up", "sign-in", "session-created", "email-verified"]);

const conditionFailed = (error: unknown) => (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";

/** The figures one event adds: the day's events, its type's count, and per provider for a sign-in with one. */
export function figuresOf(event: ActivityEvent): string[] {
  const figure = FIGURES[event.type];
  // Every event counts in its day's `events`: the feed skips the days without any.
  if (!figure) return ["events"];
  return event.type === "sign-in" && event.provider ? ["events", figure, `signIns:${event.provider}`] : ["events", figure];
}

function expiresAt(at: string, days: number): number {
  return Math.floor(Date.parse(at) / 1000) + days * 86_400;
}

/** Adds to one period's figures (a day, or a month for "mau"), on the event's shard of that period. */
async function add(store: ActivityStore, keys: ActivityKeys, period: string, shard: number, figures: string[], keepDays: number) {
  if (!figures.length) return;
  const names = Object.fromEntries(figures.map((figure, i) => [`#f${i}`, figure]));
  await store.doc.update({
    TableName: store.schema.tableName,
    Key: keys.stats(period, shard),
    UpdateExpression: `ADD ${figures.map((_, i) => `#f${i} :one`).join(", ")} SET #expires = if_not_exists(#expires, :expires)`,
    ExpressionAttributeNames: { ...names, "#expires": TTL_ATTRIBUTE },
    ExpressionAttributeValues: { ":one": 1, ":expires": expiresAt(`${period.length === 7 ? `${period}-28` : period}T00:00:00.000Z`, keepDays) },
  });
}

/** Marks a user active in a period, once: true when this call made the mark. */
async function markActive(store: ActivityStore, keys: ActivityKeys, period: string, userId: string, at: string): Promise<boolean> {
  try {
    await store.doc.put({
      TableName: store.schema.tableName,
      Item: { ...keys.active(period, userId), [TTL_ATTRIBUTE]: expiresAt(at, store.retentionDays + 31) },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": keys.names.pk },
    });
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export interface StoreResult {
  stored: number;
  /** Already stored by an earlier delivery of the same records: not stored or counted again. */
  duplicates: number;
}

/**
 * Stores events once each and counts them once each. The event's put is conditional on its key
 * (the record's sequence number is in it), and only the delivery that made the put counts it: a
 * retried batch neither stores nor counts anything twice. A crash between a put and its counts
 * leaves the counts short, never long; recountDay closes that gap from the stored events.
 * Throws on any other failure, so the consumer does not move its checkpoint past these events.
 */
export async function storeEvents(store: ActivityStore, events: readonly ActivityEvent[]): Promise<StoreResult> {
  const keys = activityKeys(store.schema);
  const result: StoreResult = { stored: 0, duplicates: 0 };
  for (const event of events) {
    try {
      await store.doc.put({
        TableName: store.schema.tableName,
        Item: { ...keys.event(event, store.shards), ...event, [TTL_ATTRIBUTE]: expiresAt(event.at, store.retentionDays) },
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": keys.names.pk },
      });
    } catch (error) {
      if (conditionFailed(error)) {
        result.duplicates++;
        continue;
      }
      throw error;
    }
    result.stored++;
    await countEvent(store, keys, event);
  }
  return result;
}

/** The counts of one stored event: its figures, and the day's and month's active users the first time each is seen. */
async function countEvent(store: ActivityStore, keys: ActivityKeys, event: ActivityEvent) {
  const shard = shardOf(event.id, store.shards);
  const figures = figuresOf(event);
  if (event.userId && ACTIVE.has(event.type)) {
    if (await markActive(store, keys, dayOf(event.at), event.userId, event.at)) figures.push("dau");
    if (await markActive(store, keys, monthOf(event.at), event.userId, event.at))
      await add(store, keys, monthOf(event.at), shard, ["mau"], store.retentionDays + 31);
  }
  await add(store, keys, dayOf(event.at), shard, figures, store.retentionDays);
}

/** One period's figures, summed over its shards: a day (`2026-12-07`) or a month (`2026-12`, with `mau`). */
export type Figures = Record<string, number>;

/**
 * Figures from `from` to `to` (inclusive; days, or a month for `from` to take in that month's
 * `mau` and its days): one Query of the figures' partition, paged.
 */
export async function readFigures(store: ActivityStore, from: string, to: string, meter?: Meter): Promise<Map<string, Figures>> {
  const keys = activityKeys(store.schema);
  const periods = new Map<string, Figures>();
  let start: Record<string, unknown> | undefined;
  do {
    const read = () =>
      store.doc.query({
        TableName: store.schema.tableName,
        KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#pk": keys.names.pk, "#sk": keys.names.sk },
        ExpressionAttributeValues: { ":pk": keys.statsPartition, ":from": from, ":to": `${to}#~` },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      });
    const page = meter ? await meter.run("Query", read) : await read();
    for (const item of page.Items ?? []) {
      const period = String(item[keys.names.sk]).split("#")[0] ?? "";
      const sums = periods.get(period) ?? {};
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === "number" && name !== TTL_ATTRIBUTE) sums[name] = (sums[name] ?? 0) + value;
      }
      periods.set(period, sums);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return periods;
}

/**
 * Counts one day again from its stored events, one Query per shard, and writes the figures in
 * place of what the counters hold: the repair for a gap a crash left between an event's put and
 * its counts. Daily active users are the distinct users of the day's events.
 */
export async function recountDay(store: ActivityStore, day: string): Promise<Figures> {
  const keys = activityKeys(store.schema);
  // A user active on several shards counts once, on the first.
  const seen = new Set<string>();
  const sum: Figures = {};
  for (let shard = 0; shard < store.shards; shard++) {
    const figures: Figures = {};
    const active = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await store.doc.query({
        TableName: store.schema.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": keys.names.pk },
        ExpressionAttributeValues: { ":pk": keys.dayPartition(day, shard) },
        ExclusiveStartKey: start,
      });
      for (const item of page.Items ?? []) {
        const event = item as unknown as ActivityEvent;
        for (const figure of figuresOf(event)) figures[figure] = (figures[figure] ?? 0) + 1;
        if (event.userId && ACTIVE.has(event.type) && !seen.has(event.userId)) {
          seen.add(event.userId);
          active.add(event.userId);
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    if (active.size) figures.dau = active.size;
    await store.doc.put({
      TableName: store.schema.tableName,
      Item: { ...keys.stats(day, shard), ...figures, [TTL_ATTRIBUTE]: expiresAt(`${day}T00:00:00.000Z`, store.retentionDays) },
    });
    for (const [name, value] of Object.entries(figures)) sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
}

/**
 * The days from `from` to `to` that hold any event, newest first, by their figures (every event
 * adds to its day's `events`): one Query, so the feed steps over empty days instead of reading
 * each of their shards.
 */
export async function daysWithEvents(store: ActivityStore, from: string, to: string, meter?: Meter): Promise<string[]> {
  const periods = await readFigures(store, from, to, meter);
  return [...periods.entries()]
    .filter(([period, figures]) => period.length === 10 && Object.values(figures).some((value) => value > 0))
    .map(([day]) => day)
    .sort()
    .reverse();
}
