import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type JobLink, type Outcome } from "@/lib/audit/act";
import type { Operator } from "@/lib/auth/operator";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { sessionKeysOf } from "@/lib/dynamo/sessions-of-user";
import { GUARD_ATTRIBUTES } from "@/lib/features/block/contract";

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
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Gone from under this user since it was listed: revoked, or moved by a merge (same token, same GSI1 key), where it is revoked too.
      const moved = await movedSessionKey(table, key);
      if (!moved) return already;
      await table.doc.delete({ TableName: table.schema.tableName, Key: moved });
    }
    return { result: "ok", message: `Revoked session …${ref.fingerprint}.`, counts: { revoked: 1 } };
  });
}

/** Where a session listed under one user lives now, if a merge moved it: found through its GSI1 key. */
async function movedSessionKey(table: ProductTable, key: Record<string, unknown>) {
  const parsed = table.keys.parse(key);
  if (parsed.kind !== "session") return undefined;
  const { pk, sk } = table.keys.names;
  const found = await indexLookup(table, table.keys.sessionIndex(parsed.sessionToken), [pk, sk]);
  return found ? table.keys.keyOf(found) : undefined;
}

export async function deleteSessionKeys(keys: Record<string, unknown>[], budgetMs?: number) {
  const table = productTable();
  return batchDelete(table.doc, table.schema.tableName, keys, { budgetMs });
}

export function bulkOutcome(total: number, deleted: number, remaining: number, what: string): Outcome {
  if (remaining > 0) {
    return {
      result: "partial",
      message: `Revoked ${deleted} of ${total} sessions ${what}; ${remaining} remain (DynamoDB kept throttling). Retry to finish.`,
      counts: { revoked: deleted, remaining },
    };
  }
  return {
    result: "ok",
    message: total === 0 ? `No sessions to revoke ${what}.` : `Revoked ${deleted} session${deleted === 1 ? "" : "s"} ${what}.`,
    counts: { revoked: deleted, remaining: 0 },
  };
}

/**
 * Sets `gatehouseRevokedAt` on the user item, only if it exists (never creates one): the guard
 * then ends every session and JWT that began before it. Returns the user item as it was, or
 * null when there is no user item (orphaned sessions can still be revoked).
 */
export async function stampRevokedAt(
  table: ProductTable,
  userId: string,
  at: string,
  also?: { set: string; names: Record<string, string>; values: Record<string, unknown> },
) {
  try {
    const { Attributes } = await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.keys.user(userId),
      UpdateExpression: `SET #revokedAt = :at${also ? `, ${also.set}` : ""}`,
      ConditionExpression: "attribute_exists(#pk)",
      ExpressionAttributeNames: { "#pk": table.keys.names.pk, "#revokedAt": GUARD_ATTRIBUTES.revokedAt, ...also?.names },
      ExpressionAttributeValues: { ":at": at, ...also?.values },
      ReturnValues: "ALL_OLD",
    });
    return Attributes ?? null;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

/**
 * Signs a user out everywhere: stamps `gatehouseRevokedAt` (so JWT sessions end too, where the
 * product runs the guard), then deletes every session item of theirs, 25 per BatchWriteItem.
 */
export async function revokeUserSessions(operator: Operator | null, request: { userId: string; reason: string; budgetMs?: number; job?: JobLink }) {
  return audited(operator, "revoke-all-sessions", { userId: request.userId, ...request.job }, request.reason, async (): Promise<Outcome> => {
    const table = productTable();
    const Item = await stampRevokedAt(table, request.userId, new Date().toISOString());
    const email = typeof Item?.email === "string" ? Item.email : undefined;
    const keys = await sessionKeysOf(table, request.userId);
    const result = await deleteSessionKeys([...keys.values()], request.budgetMs);
    return {
      ...bulkOutcome(keys.size, result.deleted, result.remaining.length, `of ${email ?? request.userId}`),
      target: { userId: request.userId, email, fingerprints: [...keys.keys()].slice(0, 100), ...request.job },
    };
  });
}

/** Revokes the sessions picked on /sessions, with the same paging and retries. */
export async function revokeSelectedSessions(operator: Operator | null, request: { sessions: SessionRef[]; reason: string }) {
  const fingerprints = request.sessions.map((s) => s.fingerprint);
  // One user's sessions: the entry names them, so it is in their history (an entry is indexed by one user at most).
  const users = new Set(request.sessions.map((s) => s.userId));
  const [onlyUser] = users;
  const target = users.size === 1 && onlyUser !== undefined ? { userId: onlyUser, fingerprints } : { fingerprints };
  return audited(operator, "revoke-selected", target, request.reason, async (): Promise<Outcome> => {
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
    return gone
      ? { ...outcome, message: `${outcome.message} ${gone} had already been revoked.`, counts: { ...outcome.counts, alreadyRevoked: gone } }
      : outcome;
  });
}
