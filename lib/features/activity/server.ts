import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { serverConfig } from "@/lib/config";
import { emailHolders } from "@/lib/dynamo/email-holder";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import { productTable } from "@/lib/dynamo/product-table";
import { dynamo } from "@/lib/dynamo/server";
import { enableStreamCommand, STREAM_VIEW_TYPE } from "@/lib/dynamo/table-health";
import { budgetedRead } from "@/lib/limits/read-budget";
import { type ConsumerStatus, readConsumerStatus } from "./consumer-status";
import { type FeedSource, mergedPage } from "./feed";
import { activityKeys, dayOf, monthOf } from "./keys";
import type { ActivityEvent, ActivityFilters, StatsRange } from "./schema";
import { activitySettings, activityStore } from "./settings";
import { daysWithEvents, type Figures, readFigures } from "./store";

const DAY_MS = 86_400_000;
/** One page request reads at most this many partitions' Queries (a day's shards are one Query each); then it stops and offers to go on. */
export const MAX_FEED_QUERIES = 64;

export interface ActivityPage extends PageInfo {
  /** Newest first. */
  events: ActivityEvent[];
  /** Set when the request stopped at its bound before the page was full: the day it got to. nextCursor goes on from there. */
  stopped: { day: string } | null;
  meter: MeterEntry[];
}

const today = (now: number) => new Date(now).toISOString().slice(0, 10);
const daysBefore = (day: string, n: number) => new Date(Date.parse(day) - n * DAY_MS).toISOString().slice(0, 10);

/**
 * The activity feed, newest first, a page at a time: never a Scan.
 * - For a user, one Query of their index partition a page (their timeline).
 * - For an address, its magic links' partition and each of its holders' timelines, merged.
 * - Otherwise the days from `to` back to `from` (or the retention), one Query per shard of each
 *   day, merged; type and provider are filters on those Queries, so a rare match may stop at
 *   MAX_FEED_QUERIES and offer to go on.
 * Authorized as a read and charged to the read budget, like every list.
 */
export async function listActivity(
  operator: Operator | null,
  filters: ActivityFilters,
  request: { pageSize: number; cursor?: string },
  now = Date.now(),
): Promise<ActivityPage> {
  const allowed = authorize(operator, "read");
  const store = activityStore();
  const keys = activityKeys(store.schema);
  const { secret } = serverConfig();
  const view = `activity:${request.pageSize}:${JSON.stringify(filters)}`;
  const opened = openPage(secret, view, request.cursor);
  const meter = new Meter();
  const to = filters.to ?? today(now);
  const from = filters.from ?? daysBefore(today(now), activitySettings().retentionDays - 1);
  const filter = { type: filters.type, provider: filters.provider };
  const events: ActivityEvent[] = [];
  let queries = 0;
  let next: Record<string, unknown> | undefined;
  let stopped: ActivityPage["stopped"] = null;

  await budgetedRead(allowed, meter, async () => {
    const startBefore = typeof opened.start?.before === "string" ? opened.start.before : undefined;
    if (filters.user || filters.email) {
      const sources: FeedSource[] = filters.user
        ? [{ partition: keys.userPartition(filters.user), index: true }]
        : [
            { partition: keys.emailPartition(filters.email ?? ""), index: true },
            ...(await emailHolders(productTable(), filters.email ?? "", meter)).map((id) => ({ partition: keys.userPartition(id), index: true })),
          ];
      let hi: string | null = startBefore ?? `${to}T~`;
      while (hi !== null && events.length < request.pageSize && queries < MAX_FEED_QUERIES) {
        const page = await mergedPage(store, meter, { sources, lo: `${from}T`, hi, limit: request.pageSize - events.length, filter });
        events.push(...page.events);
        queries += page.queries;
        hi = page.more;
      }
      if (hi !== null) next = { before: hi };
      return;
    }
    let day: string | undefined = typeof opened.start?.day === "string" ? opened.start.day : to;
    let hi: string | null = startBefore ?? `${day}T~`;
    // Past the first day, only the days that hold events are read (their figures say which).
    let older: string[] | undefined;
    while (day !== undefined && day >= from) {
      if (events.length >= request.pageSize || queries + store.shards > MAX_FEED_QUERIES) {
        next = { day, before: hi ?? `${day}T~` };
        if (events.length < request.pageSize) stopped = { day };
        return;
      }
      const sources = Array.from({ length: store.shards }, (_, shard) => ({ partition: keys.dayPartition(day ?? "", shard), index: false }));
      const page = await mergedPage(store, meter, { sources, lo: `${day}T`, hi: hi ?? `${day}T~`, limit: request.pageSize - events.length, filter });
      events.push(...page.events);
      queries += page.queries;
      if (page.more !== null) {
        hi = page.more;
        continue;
      }
      older ??= from < day ? await daysWithEvents(store, from, daysBefore(day, 1), meter) : [];
      day = older.shift();
      hi = null;
    }
  });
  return { events, stopped, ...pageInfo(secret, view, opened, next), meter: meter.report() };
}

/** One day's figures, every figure there (zero where nothing was counted). */
export interface DayFigures {
  day: string;
  figures: Figures;
}

export interface ActivityFigures {
  from: string;
  to: string;
  days: DayFigures[];
  /** Monthly active users of each month the range touches. */
  months: { month: string; mau: number }[];
  /** The sign-in providers seen in the range, most sign-ins first. */
  providers: string[];
  meter: MeterEntry[];
}

/** The longest range figures are read for at once: a year. */
export const MAX_FIGURE_DAYS = 366;

/**
 * The daily figures from `from` to `to` (by default the last 30 days) and the months' active
 * users: one Query of the figures' partition (paged), authorized as a read and charged.
 */
export async function activityFigures(operator: Operator | null, range: StatsRange, now = Date.now()): Promise<ActivityFigures> {
  const allowed = authorize(operator, "read");
  const to = range.to ?? today(now);
  let from = range.from ?? daysBefore(to, 29);
  if (Date.parse(to) - Date.parse(from) >= MAX_FIGURE_DAYS * DAY_MS) from = daysBefore(to, MAX_FIGURE_DAYS - 1);
  const meter = new Meter();
  const periods = await budgetedRead(allowed, meter, () => readFigures(activityStore(), monthOf(from), to, meter));
  const days: DayFigures[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) {
    const day = dayOf(new Date(t).toISOString());
    days.push({ day, figures: periods.get(day) ?? {} });
  }
  const months = [...periods.entries()].filter(([period]) => period.length === 7).map(([month, figures]) => ({ month, mau: figures.mau ?? 0 }));
  const byProvider = new Map<string, number>();
  for (const { figures } of days) {
    for (const [name, value] of Object.entries(figures))
      if (name.startsWith("signIns:")) byProvider.set(name.slice(8), (byProvider.get(name.slice(8)) ?? 0) + value);
  }
  const providers = [...byProvider.entries()].sort((a, b) => b[1] - a[1]).map(([provider]) => provider);
  return { from, to, days, months, providers, meter: meter.report() };
}

let streamSeen: { at: number; state: "on" | "off" } | undefined;
const STREAM_CHECK_MS = 60_000;

/** Whether the product table has the stream activity reads: DescribeTable (no read units), at most once a minute per instance. */
async function productStream(): Promise<ConsumerStatus["stream"]> {
  if (streamSeen && Date.now() - streamSeen.at < STREAM_CHECK_MS) return streamSeen.state;
  try {
    const { Table } = await dynamo().raw.describeTable({ TableName: serverConfig().dynamo.product.tableName });
    const spec = Table?.StreamSpecification;
    streamSeen = { at: Date.now(), state: spec?.StreamEnabled && spec.StreamViewType === STREAM_VIEW_TYPE ? "on" : "off" };
    return streamSeen.state;
  } catch {
    return "unknown";
  }
}

export interface ActivityStatus extends ConsumerStatus {
  /** The one command that turns the product table's stream on. */
  enableCommand: string;
  meter: MeterEntry[];
}

/** The status line's facts: the consumer's mode, its checkpoints and gaps (one Query, charged), and the stream's state. */
export async function activityStatus(operator: Operator | null): Promise<ActivityStatus> {
  const allowed = authorize(operator, "read");
  const meter = new Meter();
  const stream = await productStream();
  const status = await budgetedRead(allowed, meter, () => readConsumerStatus(activityStore(), activitySettings().mode, stream, meter));
  return { ...status, enableCommand: enableStreamCommand(serverConfig().dynamo.product.tableName), meter: meter.report() };
}
