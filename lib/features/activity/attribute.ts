import type { AuditAction } from "@/lib/audit/actions";
import { auditUserPartition } from "@/lib/audit/user-index";
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

/** How many users' audit entries are asked for at once. */
const ATTRIBUTION_CONCURRENCY = 32;

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
 * operator's audit entry on the same user: one Query of that user's audit index per user in the
 * batch (only for event types a console action can cause). Deterministic for the same records,
 * so a retried batch attributes its events the same way. A refused or failed action caused nothing.
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
  const entries = new Map<string, Entry[]>();
  // Side by side, a few at a time: a batch of sign-ups asks about as many users.
  const users = [...byUser.entries()];
  for (let i = 0; i < users.length; i += ATTRIBUTION_CONCURRENCY) {
    await Promise.all(
      users.slice(i, i + ATTRIBUTION_CONCURRENCY).map(async ([userId, span]) => {
        entries.set(userId, await auditEntries(store, userId, new Date(span.from - ATTRIBUTION_WINDOW_MS).toISOString(), new Date(span.to).toISOString()));
      }),
    );
  }
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

/** A user's audit entries between two times: one Query of the Gatehouse table's index, oldest first. */
async function auditEntries(store: ActivityStore, userId: string, from: string, to: string): Promise<Entry[]> {
  const { schema } = store;
  const entries: Entry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.query({
      TableName: schema.tableName,
      IndexName: schema.indexName,
      KeyConditionExpression: "#gpk = :gpk AND #gsk BETWEEN :from AND :to",
      ProjectionExpression: "#gsk, #at, #action, #result",
      ExpressionAttributeNames: { "#gpk": schema.indexPartitionKey, "#gsk": schema.indexSortKey, "#at": "at", "#action": "action", "#result": "result" },
      // Entry ids start with their ISO time; `~` sorts after the rest of an id written within the slack after the event.
      ExpressionAttributeValues: {
        ":gpk": auditUserPartition(userId),
        ":from": from,
        ":to": `${new Date(Date.parse(to) + RECORD_TIME_SLACK_MS).toISOString()}~`,
      },
      ExclusiveStartKey: start,
    });
    for (const item of page.Items ?? []) {
      if (item.result === "refused" || item.result === "failed") continue;
      entries.push({ id: String(item[schema.indexSortKey]), at: String(item.at), action: item.action as AuditAction, result: String(item.result) });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}
