import type { Meter } from "@/lib/dynamo/meter";
import { type ActivityEvent, activityEventSchema } from "./schema";
import type { ActivityStore } from "./store";

/** A partition events are read from: a day's shard on the table, or a user's or an address's on the index. */
export interface FeedSource {
  partition: string;
  index: boolean;
}

export interface FeedFilter {
  type?: string;
  provider?: string;
}

export interface MergedPage {
  /** Newest first. */
  events: ActivityEvent[];
  /** Where the next read goes on from (an exclusive upper bound on the sort key), or null: the sources are read to `lo`. */
  more: string | null;
  queries: number;
}

/** The attributes an event is read with: nothing else of the item (its keys, its expiry) leaves the table. */
const FIELDS = ["id", "type", "at", "by", "userId", "email", "identifier", "provider", "providerAccountId", "fingerprint", "previousEmail", "until", "auditId"];

/**
 * Up to `limit` events from several partitions at once, newest first, with sort keys (`<time>#<id>`)
 * in [lo, hi): one Query per source. Each source is read from `hi` down; one that stops early (its
 * Limit) has been seen only down to where it stopped, so the page holds only the events at or
 * above the highest such point, which no unread event can outrank, and goes on from there.
 */
export async function mergedPage(
  store: ActivityStore,
  meter: Meter,
  request: { sources: readonly FeedSource[]; lo: string; hi: string; limit: number; filter: FeedFilter },
): Promise<MergedPage> {
  const { schema } = store;
  const conditions: string[] = [];
  const names: Record<string, string> = Object.fromEntries(FIELDS.map((field, i) => [`#f${i}`, field]));
  const name = (field: string) => `#f${FIELDS.indexOf(field)}`;
  const values: Record<string, unknown> = {};
  if (request.filter.type) {
    conditions.push(`${name("type")} = :type`);
    values[":type"] = request.filter.type;
  }
  if (request.filter.provider) {
    conditions.push(`${name("provider")} = :provider`);
    values[":provider"] = request.filter.provider;
  }
  const filtered = conditions.length > 0;
  const pages = await Promise.all(
    request.sources.map(async (source) => {
      const [keyName, sortName] = source.index ? [schema.indexPartitionKey, schema.indexSortKey] : [schema.partitionKey, schema.sortKey];
      const result = await meter.run("Query", () =>
        store.doc.query({
          TableName: schema.tableName,
          ...(source.index ? { IndexName: schema.indexName } : {}),
          KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :lo AND :hi",
          FilterExpression: filtered ? conditions.join(" AND ") : undefined,
          ProjectionExpression: [...FIELDS.map((_, i) => `#f${i}`), "#sk"].join(", "),
          ExpressionAttributeNames: { ...names, "#pk": keyName, "#sk": sortName },
          ExpressionAttributeValues: { ...values, ":pk": source.partition, ":lo": request.lo, ":hi": request.hi },
          ScanIndexForward: false,
          // A filter drops items after the Limit is applied: read a little further so a sparse match still fills a page.
          // Unfiltered, a page's events are spread over the sources: each reads about twice its share, and the merge goes on from the highest point any stopped at.
          Limit: filtered ? Math.max(request.limit * 4, 100) : Math.min(request.limit + 1, Math.ceil((request.limit * 2) / request.sources.length) + 1),
          ReturnConsumedCapacity: "TOTAL",
        }),
      );
      const sorted = (result.Items ?? []).map((item) => ({ sort: String(item[sortName]), item }));
      const stoppedAt = result.LastEvaluatedKey ? String(result.LastEvaluatedKey[sortName]) : null;
      return { sorted, stoppedAt };
    }),
  );
  // Every source has been seen down to the highest point any of them stopped at.
  const floor = pages.reduce<string | null>(
    (highest, page) => (page.stoppedAt !== null && (highest === null || page.stoppedAt > highest) ? page.stoppedAt : highest),
    null,
  );
  const seen = pages
    .flatMap((page) => page.sorted)
    .filter(({ sort }) => sort !== request.hi && (floor === null || sort >= floor))
    .sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0));
  const taken = seen.slice(0, request.limit);
  const events = taken.flatMap(({ item }) => {
    const parsed = activityEventSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  const more = taken.length === request.limit && (seen.length > taken.length || floor !== null) ? (taken.at(-1)?.sort ?? null) : floor;
  return { events, more, queries: request.sources.length };
}
