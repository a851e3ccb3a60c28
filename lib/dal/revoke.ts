import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { Operator } from "@/lib/auth/operator";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { audited, type Outcome } from "./act";
import { productTable } from "./product-table";
import { sessionKeysOf } from "./sessions-of-user";

export interface SessionRef {
  userId: string;
  fingerprint: string;
}

/** Revokes one session: its browser is signed out on its next request. Gone already is not an error. */
export async function revokeSession(operator: Operator | null, ref: SessionRef) {
  return audited(operator, "revoke-session", { userId: ref.userId, fingerprints: [ref.fingerprint] }, null, async (): Promise<Outcome> => {
    const table = productTable();
    const key = (await sessionKeysOf(table, ref.userId)).get(ref.fingerprint);
    const already: Outcome = { result: "ok", message: `Session …${ref.fingerprint} was already revoked.`, counts: { revoked: 0 } };
    if (!key) return already;
    try {
      await table.doc.delete({
        TableName: table.schema.tableName,
        Key: key,
        ConditionExpression: "attribute_exists(#pk)",
        ExpressionAttributeNames: { "#pk": table.keys.names.pk },
      });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return already;
      throw error;
    }
    return { result: "ok", message: `Revoked session …${ref.fingerprint}.`, counts: { revoked: 1 } };
  });
}

async function deleteSessionKeys(keys: Record<string, unknown>[], budgetMs?: number) {
  const table = productTable();
  return batchDelete(table.doc, table.schema.tableName, keys, { budgetMs });
}

function bulkOutcome(total: number, deleted: number, remaining: number, what: string): Outcome {
  if (remaining > 0) {
    return { result: "partial", message: `Revoked ${deleted} of ${total} sessions ${what}; ${remaining} remain (DynamoDB kept throttling). Retry to finish.`, counts: { revoked: deleted, remaining } };
  }
  return { result: "ok", message: total === 0 ? `No sessions to revoke ${what}.` : `Revoked ${deleted} session${deleted === 1 ? "" : "s"} ${what}.`, counts: { revoked: deleted, remaining: 0 } };
}

/** Signs a user out everywhere: every session item of theirs, deleted 25 per BatchWriteItem. */
export async function revokeUserSessions(operator: Operator | null, request: { userId: string; reason: string; budgetMs?: number }) {
  return audited(operator, "revoke-all-sessions", { userId: request.userId }, request.reason, async (): Promise<Outcome> => {
    const table = productTable();
    const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(request.userId), ProjectionExpression: "email" });
    const email = typeof Item?.email === "string" ? Item.email : undefined;
    const keys = await sessionKeysOf(table, request.userId);
    const result = await deleteSessionKeys([...keys.values()], request.budgetMs);
    return {
      ...bulkOutcome(keys.size, result.deleted, result.remaining.length, `of ${email ?? request.userId}`),
      target: { userId: request.userId, email, fingerprints: [...keys.keys()].slice(0, 100) },
    };
  });
}

/** Revokes the sessions picked on /sessions, with the same paging and retries. */
export async function revokeSelectedSessions(operator: Operator | null, request: { sessions: SessionRef[]; reason: string }) {
  const fingerprints = request.sessions.map((s) => s.fingerprint);
  return audited(operator, "revoke-selected", { fingerprints }, request.reason, async (): Promise<Outcome> => {
    const table = productTable();
    const byUser = new Map<string, SessionRef[]>();
    for (const ref of request.sessions) byUser.set(ref.userId, [...(byUser.get(ref.userId) ?? []), ref]);
    const keys: Record<string, unknown>[] = [];
    for (const [userId, refs] of byUser) {
      const existing = await sessionKeysOf(table, userId);
      for (const ref of refs) {
        const key = existing.get(ref.fingerprint);
        if (key) keys.push(key);
      }
    }
    const result = await deleteSessionKeys(keys);
    const gone = request.sessions.length - keys.length;
    const outcome = bulkOutcome(keys.length, result.deleted, result.remaining.length, "selected");
    return gone ? { ...outcome, message: `${outcome.message} ${gone} had already been revoked.`, counts: { ...outcome.counts, alreadyRevoked: gone } } : outcome;
  });
}
