import type { AuditAction } from "@/lib/audit/actions";
import { auditDayPartition, auditUserPartition } from "@/lib/audit/user-index";
import type { ActivityEvent, ActivityType } from "./schema";
import type { ActivityStore } from "./store";

/**
 * The product events each audited console action causes. An event of one of these types, on the
 * action's target user, soon after the entry, is Gatehouse's doing; anything else on that user
 * (a sign-in, the product's own sign-out a minute later) stays the product's.
 */
const CAUSES: Partial<Record<AuditAction, readonly ActivityType[]>> = {
  "revoke-session": ["session-ended"],
  "revoke-all-sessions": ["session-ended"],
  "revoke-selected": ["session-ended"],
  "block-user": ["session-ended"],
  "unlink-account": ["account-unlinked"],
  "delete-user": ["user-deleted", "session-ended", "account-unlinked"],
  "merge-users": ["user-deleted", "session-ended", "session-created", "account-unlinked", "account-linked", "email-verified"],
  "edit-user": ["email-changed", "email-verified"],
  "create-user": ["sign-up"],
  undo: ["sign-up", "session-created", "account-linked", "email-changed", "email-verified"],
  "list-job": ["session-ended", "user-deleted", "account-unlinked"],
};

/** The audit entry is written before the action's first write; an action's writes land within this of it. */
export const ATTRIBUTION_WINDOW_MS = 120_000;

/**
 * A record's time is rounded down (to the second on AWS, to the minute on DynamoDB Local), so an
 * entry written up to this long after an event's time may still precede its write.
 */
export const RECORD_TIME_SLACK_MS = 60_000;

/** How many users' audit entries are asked for at once, when each user's index is read. */
const ATTRIBUTION_CONCURRENCY = 32;

/**
 * The most audit entries read from the log's day partitions for one batch. Operators act rarely
 * beside the product's traffic, so a batch's time window usually holds a handful and one Query
 * answers for every user in it; a window busier than this (a list job) is read per user instead.
 */
export const ATTRIBUTION_PAGE = 500;

/** The types a console action can cause, so nothing else costs a read. */
const CAUSED: ReadonlySet<ActivityType> = new Set(Object.values(CAUSES).flat());

interface Entry {
  id: string;
  at: string;
  action: AuditAction;
  result: string;
}

/**
 * Marks the events that Gatehouse caused as `by: "gatehouse"` with the audit entry's id, by the
 * operator's audit entry on the same user (the entry's target, or for a merge the user merged
 * away). The entries of the batch's time window are read from the audit log's day partitions,
 * one Query a day, and only for event types a console action can cause; a window with more than
 * ATTRIBUTION_PAGE entries is read from each user's audit index instead. Deterministic for the
 * same records, so a retried batch attributes its events the same way. A refused or failed
 * action caused nothing.
 */
export async function attributeToGatehouse(store: ActivityStore, events: readonly ActivityEvent[]): Promise<ActivityEvent[]> {
  // A batch's candidates, by user: one window per user, from the window before its first event to its last.
  const byUser = new Map<string, { from: number; to: number }>();
  for (const event of events) {
    if (event.by !== "product" || !event.userId || !CAUSED.has(event.type)) continue;
    const at = Date.parse(event.at);
    const span = byUser.get(event.userId) ?? { from: at, to: at };
    byUser.set(event.userId, { from: Math.min(span.from, at), to: Math.max(span.to, at) });
  }
  if (!byUser.size) return [...events];
  const entries = (await windowEntries(store, byUser)) ?? (await eachUsersEntries(store, byUser));
  return events.map((event) => {
    const candidates = event.by === "product" && event.userId ? entries.get(event.userId) : undefined;
    if (!candidates) return event;
    const at = Date.parse(event.at);
    // The latest entry at or before the event (as far as its rounded time tells), within the window, whose action causes this type.
    const cause = candidates
      .filter((entry) => {
        const when = Date.parse(entry.at);
        return when < at + RECORD_TIME_SLACK_MS && at - when <= ATTRIBUTION_WINDOW_MS && CAUSES[entry.action]?.includes(event.type);
      })
      .at(-1);
    return cause ? { ...event, by: "gatehouse" as const, auditId: cause.id } : event;
  });
}

type Spans = ReadonlyMap<string, { from: number; to: number }>;

/** An entry's id starts with its ISO time; `~` sorts after the rest of an id written within the slack after the last event. */
const idRange = (from: number, to: number) => ({
  from: new Date(from - ATTRIBUTION_WINDOW_MS).toISOString(),
  to: `${new Date(to + RECORD_TIME_SLACK_MS).toISOString()}~`,
});

const counts = (item: Record<string, unknown>) => item.result !== "refused" && item.result !== "failed";

/**
 * The batch's users' entries from the audit log's day partitions (auditDayPartition) over the whole
 * batch's window, oldest first; undefined when the window holds more than ATTRIBUTION_PAGE.
 */
async function windowEntries(store: ActivityStore, spans: Spans): Promise<Map<string, Entry[]> | undefined> {
  const { schema } = store;
  const all = [...spans.values()];
  const range = idRange(Math.min(...all.map((span) => span.from)), Math.max(...all.map((span) => span.to)));
  const days = [range.from.slice(0, 10)];
  if (range.to.slice(0, 10) !== days[0]) days.push(range.to.slice(0, 10));
  const entries = new Map<string, Entry[]>();
  let read = 0;
  for (const day of days) {
    const page = await store.doc.query({
      TableName: schema.tableName,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ProjectionExpression: "#sk, #at, #action, #result, #target.#userId, #target.#merged",
      ExpressionAttributeNames: {
        "#pk": schema.partitionKey,
        "#sk": schema.sortKey,
        "#at": "at",
        "#action": "action",
        "#result": "result",
        "#target": "target",
        "#userId": "userId",
        "#merged": "mergedUserId",
      },
      ExpressionAttributeValues: { ":pk": auditDayPartition(day), ":from": range.from, ":to": range.to },
      Limit: ATTRIBUTION_PAGE - read,
    });
    read += page.Items?.length ?? 0;
    if (page.LastEvaluatedKey) return undefined;
    for (const item of page.Items ?? []) {
      const target = (item.target ?? {}) as { userId?: unknown; mergedUserId?: unknown };
      if (!counts(item) || !CAUSES[item.action as AuditAction]) continue;
      const entry: Entry = { id: String(item[schema.sortKey]), at: String(item.at), action: item.action as AuditAction, result: String(item.result) };
      for (const userId of new Set([target.userId, target.mergedUserId])) {
        if (typeof userId === "string" && spans.has(userId)) entries.set(userId, [...(entries.get(userId) ?? []), entry]);
      }
    }
  }
  return entries;
}

/** Each user's entries from their audit index, a few users at a time: the fallback for a busy window. */
async function eachUsersEntries(store: ActivityStore, spans: Spans): Promise<Map<string, Entry[]>> {
  const entries = new Map<string, Entry[]>();
  const users = [...spans.entries()];
  for (let i = 0; i < users.length; i += ATTRIBUTION_CONCURRENCY) {
    await Promise.all(
      users.slice(i, i + ATTRIBUTION_CONCURRENCY).map(async ([userId, span]) => {
        entries.set(userId, await auditEntries(store, userId, span));
      }),
    );
  }
  return entries;
}

/** A user's audit entries over their span of the batch: one Query of the Gatehouse table's index, oldest first. */
async function auditEntries(store: ActivityStore, userId: string, span: { from: number; to: number }): Promise<Entry[]> {
  const { schema } = store;
  const range = idRange(span.from, span.to);
  const entries: Entry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.query({
      TableName: schema.tableName,
      IndexName: schema.indexName,
      KeyConditionExpression: "#gpk = :gpk AND #gsk BETWEEN :from AND :to",
      ProjectionExpression: "#gsk, #at, #action, #result",
      ExpressionAttributeNames: { "#gpk": schema.indexPartitionKey, "#gsk": schema.indexSortKey, "#at": "at", "#action": "action", "#result": "result" },
      ExpressionAttributeValues: { ":gpk": auditUserPartition(userId), ":from": range.from, ":to": range.to },
      ExclusiveStartKey: start,
    });
    for (const item of page.Items ?? []) {
      if (!counts(item)) continue;
      entries.push({ id: String(item[schema.indexSortKey]), at: String(item.at), action: item.action as AuditAction, result: String(item.result) });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}
