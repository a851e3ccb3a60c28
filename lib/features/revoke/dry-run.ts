import "server-only";
import { chargedDryRun } from "@/lib/auth/dry-run";
import type { Operator } from "@/lib/auth/principal";
import { prefixes } from "@/lib/dynamo/keys";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { sessionKeysOf } from "@/lib/dynamo/sessions-of-user";
import { readGuardStatus } from "@/lib/features/guard/heartbeats";
import { alreadyRevokedSummary, revokeAllPreview, revokeSessionSummary } from "@/lib/features/revoke/preview";
import { toSessionRow } from "@/lib/features/sessions/row";
import { fingerprint as fingerprintOf } from "@/lib/secrets";

export { PREVIEW_FINGERPRINTS } from "@/lib/features/revoke/preview";

export interface RevokeAllPreview {
  user: { id: string; email: string | null };
  sessions: number;
  /** Every session's fingerprint (the dialog shows the first PREVIEW_FINGERPRINTS). */
  fingerprints: string[];
  /** A product runs gatehouse-guard: its JWT sessions that began before now end too. */
  guardActive: boolean;
  /** The dialog's preview, as text. */
  summary: string;
}

/**
 * What Revoke all sessions would do, changing nothing: the preview its dialog shows. Needs read and
 * the scope the action needs (sessions:write), since it answers "what would I revoke". Null when
 * there is no such user.
 */
export async function previewRevokeAllSessions(operator: Operator | null, userId: string): Promise<RevokeAllPreview | null> {
  return chargedDryRun(operator, "sessions:write", async () => {
    const table = productTable();
    const { Item } = await table.doc.get({
      TableName: table.schema.tableName,
      Key: table.keys.user(userId),
      ProjectionExpression: "#id, #email",
      ExpressionAttributeNames: { "#id": "id", "#email": "email" },
    });
    if (!Item) return null;
    const email = typeof Item.email === "string" && Item.email ? Item.email : null;
    const [keys, guard] = await Promise.all([sessionKeysOf(table, userId), readGuardStatus()]);
    const fingerprints = [...keys.keys()];
    const guardActive = guard.active === true;
    const { summary } = revokeAllPreview({ owner: email ?? userId, fingerprints, guardActive });
    return { user: { id: userId, email }, sessions: fingerprints.length, fingerprints, guardActive, summary };
  });
}

export interface RevokeSessionPreview {
  user: { id: string; email: string | null };
  /** Null when the user has no such session (any more): the real call answers "already revoked", and so does this. */
  session: { fingerprint: string; expires: number | null; live: boolean } | null;
  alreadyRevoked: boolean;
  /** The Revoke dialog's preview, as text (revokeSessionSummary), or alreadyRevokedSummary's. */
  summary: string;
}

async function userItem(table: ProductTable, userId: string): Promise<{ exists: boolean; email: string | null }> {
  const { Item } = await table.doc.get({
    TableName: table.schema.tableName,
    Key: table.keys.user(userId),
    ProjectionExpression: "#id, #email",
    ExpressionAttributeNames: { "#id": "id", "#email": "email" },
  });
  return { exists: Boolean(Item), email: typeof Item?.email === "string" && Item.email ? Item.email : null };
}

/**
 * What Revoke (one session) would do, changing nothing: the session its dialog names, found by
 * fingerprint among the user's sessions (one Query, keys and expiry only), then the user's email
 * (GetItem). A session already gone is "already revoked", as the real call says; null only when
 * there is neither such a session nor such a user. Needs read and sessions:write, as the action does.
 */
export async function previewRevokeSession(operator: Operator | null, ref: { userId: string; fingerprint: string }): Promise<RevokeSessionPreview | null> {
  return chargedDryRun(operator, "sessions:write", async () => {
    const table = productTable();
    const { pk, sk } = table.keys.names;
    const now = Date.now();
    let start: Item | undefined;
    let found: NonNullable<RevokeSessionPreview["session"]> | null = null;
    do {
      const page = await table.doc.query({
        TableName: table.schema.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
        ExpressionAttributeNames: { "#pk": pk, "#sk": sk, "#expires": "expires" },
        ExpressionAttributeValues: { ":pk": table.keys.userPartition(ref.userId), ":session": prefixes.session },
        ProjectionExpression: "#pk, #sk, #expires",
        ExclusiveStartKey: start,
      });
      for (const item of page.Items ?? []) {
        const parsed = table.keys.parse(item);
        if (parsed.kind !== "session" || fingerprintOf(parsed.sessionToken) !== ref.fingerprint) continue;
        const row = toSessionRow(item, parsed, now, table.config.productSessionSeconds);
        found = { fingerprint: row.fingerprint, expires: row.expires, live: row.live };
      }
      start = found ? undefined : page.LastEvaluatedKey;
    } while (start);
    const user = await userItem(table, ref.userId);
    const owner = user.email ?? ref.userId;
    // A session whose user item is gone is still found (and revocable); with neither, the user is unknown.
    if (!found && !user.exists) return null;
    return {
      user: { id: ref.userId, email: user.email },
      session: found,
      alreadyRevoked: !found,
      summary: found ? revokeSessionSummary({ ...found, owner }, now) : alreadyRevokedSummary({ fingerprint: ref.fingerprint, owner }),
    };
  });
}
