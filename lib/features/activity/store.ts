import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { batchGet } from "@/lib/dynamo/batch-get";
import { batchWrite } from "@/lib/dynamo/batch-write";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { Meter } from "@/lib/dynamo/meter";
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

/** Adds counts to one period's figures (a day, or a month for "mau"), on one shard of that period: one UpdateItem. */
async function add(store: ActivityStore, keys: ActivityKeys, period: string, shard: number, counts: ReadonlyMap<string, number>, keepDays: number) {
  if (!counts.size) return;
  const entries = [...counts.entries()];
  await store.doc.update({
    TableName: store.schema.tableName,
    Key: keys.stats(period, shard),
    UpdateExpression: `ADD ${entries.map((_, i) => `#f${i} :n${i}`).join(", ")} SET #expires = if_not_exists(#expires, :expires)`,
    ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([figure], i) => [`#f${i}`, figure])), "#expires": TTL_ATTRIBUTE },
    ExpressionAttributeValues: {
      ...Object.fromEntries(entries.map(([, n], i) => [`:n${i}`, n])),
      // A month's figures live from its 28th, so the month's last days are kept as long as its days.
      ":expires": expiresAt(`${period.length === 7 ? `${period}-28` : period}T00:00:00.000Z`, keepDays),
    },
  });
}

/**
 * Active-user marks this process has seen made (or found made): a mark is never taken back but by
 * TTL, long after its period, so asking again would only buy a refused conditional write (billed
 * a write unit on AWS). Bounded: forgotten wholesale when full, which costs a few refused writes.
 */
const marked = new Set<string>();
const MARKED_MAX = 200_000;

/** Marks a user active in a period, once: true when this call made the mark. */
async function markActive(store: ActivityStore, keys: ActivityKeys, period: string, userId: string, at: string): Promise<boolean> {
  const seen = `${store.schema.tableName}|${period}|${userId}`;
  if (marked.has(seen)) return false;
  let made = true;
  try {
    await store.doc.put({
      TableName: store.schema.tableName,
      Item: { ...keys.active(period, userId), [TTL_ATTRIBUTE]: expiresAt(at, store.retentionDays + 31) },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": keys.names.pk },
    });
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    made = false;
  }
  if (marked.size >= MARKED_MAX) marked.clear();
  marked.add(seen);
  return made;
}

export interface StoreResult {
  stored: number;
  /** Already stored by an earlier delivery of the same records: not stored or counted again. */
  duplicates: number;
}

/** How many writes one consumer keeps in flight: DynamoDB answers each in milliseconds, so a batch is bound by round trips, not capacity. */
export const STORE_CONCURRENCY = 32;

/** `work`'s outcome, caught: every item is tried whatever the others did (mapConcurrent stops at a failure). */
function settle<T, R>(work: (item: T) => Promise<R>) {
  return async (item: T): Promise<PromiseSettledResult<R>> => {
    try {
      return { status: "fulfilled", value: await work(item) };
    } catch (reason) {
      return { status: "rejected", reason };
    }
  };
}

export interface StoredEvents extends StoreResult {
  /** Per event, in order: whether it is stored (made now, or found made by an earlier delivery). */
  settled: boolean[];
  /** The first failure other than "already stored", if any: thrown by storeEvents, reported by storeEventsSettled. */
  error?: unknown;
}

/**
 * Stores events once each and counts them once each. One BatchGetItem per 100 events finds those
 * an earlier delivery of the same records stored already (the record's sequence number is in each
 * key); the rest are put with BatchWriteItem, 25 a request, and only they are counted: a retried
 * batch neither stores nor counts anything twice. They are counted together: one UpdateItem per
 * day (and month) and shard for the whole batch, and one conditional mark per user per day (and,
 * when that is new, per month).
 * This relies on one reader per stream shard at a time, which the poller's lease and Lambda's
 * per-shard ordering both give: batched writes cannot be conditional, and one conditional put per
 * event would cost a request each.
 * A crash between the puts and the counts leaves the counts short, never long; recountDay closes
 * that gap from the stored events. Throws on any other failure, so the consumer does not move its
 * checkpoint past these events.
 */
export async function storeEvents(store: ActivityStore, events: readonly ActivityEvent[]): Promise<StoreResult> {
  const result = await storeEventsSettled(store, events);
  if (result.error !== undefined) throw result.error;
  return { stored: result.stored, duplicates: result.duplicates };
}

/** Keys a BatchGetItem takes, and puts a BatchWriteItem takes. */
const GET_GROUP = 100;
const PUT_GROUP = 25;

const groupsOf = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The sort keys of the events already stored: keys only, one BatchGetItem per 100 (the consumer's
 * own reads, charged to no operator). Strongly consistent: a batch retried a moment after a
 * delivery that stored part of it must see those puts, or it would count them again.
 */
async function storedAlready(store: ActivityStore, keys: ActivityKeys, events: readonly ActivityEvent[]): Promise<Set<string>> {
  const meter = new Meter();
  const found = await mapConcurrent(groupsOf(events, GET_GROUP), STORE_CONCURRENCY, (group) =>
    batchGet(
      store.doc,
      meter,
      store.schema.tableName,
      group.map((event) => {
        const key = keys.event(event, store.shards);
        return { [keys.names.pk]: key[keys.names.pk], [keys.names.sk]: key[keys.names.sk] };
      }),
      [keys.names.sk],
      { consistent: true },
    ),
  );
  return new Set(found.flat().map((item) => String(item[keys.names.sk])));
}

/** storeEvents that reports which puts went through instead of throwing at the first failed one (the consumers checkpoint by it). */
export async function storeEventsSettled(store: ActivityStore, events: readonly ActivityEvent[]): Promise<StoredEvents> {
  const keys = activityKeys(store.schema);
  let known: Set<string>;
  try {
    known = await storedAlready(store, keys, events);
  } catch (error) {
    return { stored: 0, duplicates: 0, settled: events.map(() => false), error };
  }
  const item = (event: ActivityEvent) => ({ ...keys.event(event, store.shards), ...event, [TTL_ATTRIBUTE]: expiresAt(event.at, store.retentionDays) });
  const isKnown = (event: ActivityEvent) => known.has(String(keys.event(event, store.shards)[keys.names.sk]));
  const fresh = events.filter((event) => !isKnown(event));
  const groups = groupsOf(fresh, PUT_GROUP);
  const puts = await mapConcurrent(
    groups,
    STORE_CONCURRENCY,
    settle(async (group: ActivityEvent[]) => {
      const result = await batchWrite(
        store.doc,
        store.schema.tableName,
        group.map((event) => ({ PutRequest: { Item: item(event) } })),
        { concurrency: 1 },
      );
      if (!result.remaining.length) return [];
      // What DynamoDB still left unprocessed when the time ran out: not stored, and the batch fails at it.
      const left = new Set(result.remaining.flatMap((write) => ("PutRequest" in write ? [String(write.PutRequest.Item.id)] : [])));
      return group.filter((event) => left.has(event.id));
    }),
  );
  /** Events not stored: those of a request that failed, and those DynamoDB never processed. */
  const unstored = new Set(puts.flatMap((put, i) => (put.status === "rejected" ? (groups[i] ?? []) : put.value)));
  const made = fresh.filter((event) => !unstored.has(event));
  const failure =
    puts.find((put): put is PromiseRejectedResult => put.status === "rejected")?.reason ??
    (unstored.size ? new Error("DynamoDB left activity writes unprocessed; the batch is tried again") : undefined);
  const result: StoredEvents = {
    stored: made.length,
    duplicates: events.length - fresh.length,
    settled: events.map((event) => !unstored.has(event)),
    ...(failure !== undefined ? { error: failure } : {}),
  };
  try {
    await countEvents(store, keys, made);
  } catch (error) {
    // Stored but not counted: a gap, never a double count. The whole batch is failed, so nothing is checkpointed past it.
    return { ...result, settled: result.settled.map(() => false), error: result.error ?? error };
  }
  return result;
}

/** What one UpdateItem adds to one period's figures on one shard. */
interface CountEntry {
  period: string;
  shard: number;
  keepDays: number;
  counts: Map<string, number>;
}

/** The counts of the events stored now: their figures, and the days' and months' active users the first time each is seen. */
async function countEvents(store: ActivityStore, keys: ActivityKeys, events: readonly ActivityEvent[]) {
  /** `period#shard` → the period's keep days and its counts. */
  const adds = new Map<string, CountEntry>();
  const count = (period: string, shard: number, keepDays: number, figure: string) => {
    const key = `${period}#${shard}`;
    const entry = adds.get(key) ?? { period, shard, keepDays, counts: new Map<string, number>() };
    entry.counts.set(figure, (entry.counts.get(figure) ?? 0) + 1);
    adds.set(key, entry);
  };
  const firsts = new Map<string, ActivityEvent>();
  for (const event of events) {
    const shard = shardOf(event.id, store.shards);
    for (const figure of figuresOf(event)) count(dayOf(event.at), shard, store.retentionDays, figure);
    if (event.userId && ACTIVE.has(event.type)) {
      const key = `${dayOf(event.at)}|${event.userId}`;
      if (!firsts.has(key)) firsts.set(key, event);
    }
  }
  const marks = await mapConcurrent(
    [...firsts.values()],
    STORE_CONCURRENCY,
    settle(async (event: ActivityEvent) => {
      const userId = event.userId ?? "";
      if (!(await markActive(store, keys, dayOf(event.at), userId, event.at))) return;
      const shard = shardOf(event.id, store.shards);
      count(dayOf(event.at), shard, store.retentionDays, "dau");
      // Active this month already, if active today already: the month is asked only on a new day.
      if (await markActive(store, keys, monthOf(event.at), userId, event.at)) count(monthOf(event.at), shard, store.retentionDays + 31, "mau");
    }),
  );
  const failedMark = marks.find((mark) => mark.status === "rejected");
  const updates = await mapConcurrent(
    [...adds.values()],
    STORE_CONCURRENCY,
    settle((entry: CountEntry) => add(store, keys, entry.period, entry.shard, entry.counts, entry.keepDays)),
  );
  const failed = failedMark ?? updates.find((update) => update.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
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
