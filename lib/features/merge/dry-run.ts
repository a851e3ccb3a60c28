import "server-only";
import { authorizeMutation, RefusedError } from "@/lib/audit/act";
import type { Operator } from "@/lib/auth/operator";
import { prefixes } from "@/lib/dynamo/keys";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { queryItems } from "@/lib/dynamo/query-pages";
import type { Item } from "@/lib/dynamo/scan-page";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import type { MergePreview, MergeSide } from "@/lib/features/merge/schema";
import { fingerprint } from "@/lib/secrets";
import { endedUnder } from "./move";

// Defined in schema.ts, where the dialog can reach them; re-exported for the action that answers with them.
export type { MergePreview, MergeSide };

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** The user item and the keys of everything in their partition, read with a projection that leaves tokens out. */
export async function readSide(table: ProductTable, userId: string): Promise<{ side: MergeSide; user: Item; sessionItems: Item[] } | null> {
  const { pk, sk } = table.keys.names;
  const projection = [pk, sk, "id", "email", "name", "expires", "createdAt", GUARD_ATTRIBUTES.block, GUARD_ATTRIBUTES.revokedAt];
  const names = Object.fromEntries(projection.map((name, i) => [`#a${i}`, name]));
  const items = await queryItems(table.doc, {
    TableName: table.schema.tableName,
    KeyConditionExpression: "#a0 = :pk",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ":pk": table.keys.userPartition(userId) },
    ProjectionExpression: Object.keys(names).join(", "),
    ConsistentRead: true,
  });
  let user: Item | undefined;
  const side: MergeSide = { id: userId, email: null, name: null, block: null, revokedAt: null, accounts: [], sessions: [], otherItems: 0 };
  const sessionItems: Item[] = [];
  for (const item of items) {
    const parsed = table.keys.parse(item);
    if (parsed.kind === "user") user = item;
    else if (parsed.kind === "account") side.accounts.push({ provider: parsed.provider, providerAccountId: parsed.providerAccountId });
    else if (parsed.kind === "session") {
      side.sessions.push(fingerprint(parsed.sessionToken));
      sessionItems.push(item);
    } else side.otherItems++;
  }
  if (!user) return null;
  side.email = text(user.email);
  side.name = text(user.name);
  side.block = toBlockView(user[GUARD_ATTRIBUTES.block], Date.now());
  side.revokedAt = text(user[GUARD_ATTRIBUTES.revokedAt]);
  return { side, user, sessionItems };
}

/** The users of one doctor finding (or any ids), with their accounts and sessions, for picking the one to keep. */
export async function mergeCandidates(operator: Operator | null, userIds: string[]): Promise<MergeSide[]> {
  authorizeMutation(operator, "users:write");
  const table = productTable();
  const sides = await Promise.all([...new Set(userIds)].slice(0, 10).map((id) => readSide(table, id)));
  return sides.flatMap((found) => (found ? [found.side] : []));
}

/**
 * The other user named on a user page by id or email: GetItem by id, else GSI1 `USER#<email>`
 * (every item under it: duplicates share the key), the user of the page left out.
 */
export async function resolveMergeUser(operator: Operator | null, request: { userId: string; other: string }): Promise<MergeSide> {
  authorizeMutation(operator, "users:write");
  const table = productTable();
  const query = request.other.trim();
  let ids: string[] = [];
  if (query.includes("@")) {
    for (const email of [...new Set([query, query.toLowerCase()])]) {
      const { gpk, gsk } = table.keys.names;
      const index = table.keys.userIndex(email);
      const result = await table.doc.query({
        TableName: table.schema.tableName,
        IndexName: table.schema.indexName,
        KeyConditionExpression: "#gpk = :gpk AND #gsk = :gsk",
        ExpressionAttributeNames: { "#gpk": gpk, "#gsk": gsk, "#pk": table.keys.names.pk },
        ExpressionAttributeValues: { ":gpk": index[gpk], ":gsk": index[gsk] },
        ProjectionExpression: "#pk",
        Limit: 20,
      });
      ids = (result.Items ?? []).flatMap((item) => {
        const id = String(item[table.keys.names.pk]).slice(prefixes.user.length);
        return id !== request.userId ? [id] : [];
      });
      if (ids.length) break;
    }
    if (ids.length > 1) throw new RefusedError(`${ids.length} other users have the email ${query}: enter the id of the one you mean.`);
  } else if (query !== request.userId) {
    ids = [query];
  }
  if (query === request.userId) throw new RefusedError("That is this user: enter the other user's id or email.");
  const [first] = ids;
  const found = first !== undefined ? await readSide(table, first) : null;
  if (!found) throw new RefusedError(`No other user with the ${query.includes("@") ? "email" : "id"} ${query}.`);
  return found.side;
}

/** What a merge of `otherUserId` into `keepUserId` will do, with what to look out for. Read-only. */
export async function previewMerge(operator: Operator | null, request: { keepUserId: string; otherUserId: string }): Promise<MergePreview> {
  authorizeMutation(operator, "users:write");
  if (request.keepUserId === request.otherUserId) throw new RefusedError("Pick two different users.");
  const table = productTable();
  const [keep, other] = await Promise.all([readSide(table, request.keepUserId), readSide(table, request.otherUserId)]);
  if (!keep) throw new RefusedError(`No user ${request.keepUserId} to keep.`);
  if (!other) throw new RefusedError(`No user ${request.otherUserId} to merge: it may have been merged or deleted already.`);
  const maxAge = table.config.productSessionSeconds;
  const dropped: string[] = [];
  const moved: string[] = [];
  for (const item of other.sessionItems) {
    const parsed = table.keys.parse(item);
    if (parsed.kind !== "session") continue;
    (endedUnder(other.user, item, maxAge) ? dropped : moved).push(fingerprint(parsed.sessionToken));
  }
  const warnings: string[] = [];
  const who = (side: MergeSide) => side.email ?? side.id;
  if (other.side.block?.active) {
    warnings.push(
      `${who(other.side)} is blocked: their sessions are deleted, not moved, and the block is not carried over. Their linked accounts will sign in as ${who(keep.side)}; block ${who(keep.side)} too if that person must stay out.`,
    );
  }
  if (keep.side.block?.active)
    warnings.push(`${who(keep.side)}, the user you keep, is blocked: the moved accounts cannot sign in either while the block lasts.`);
  if (dropped.length && !other.side.block?.active) {
    warnings.push(
      `${dropped.length} session${dropped.length === 1 ? "" : "s"} of ${who(other.side)} began before their revocation (gatehouseRevokedAt ${other.side.revokedAt}): deleted, not moved, so they stay revoked.`,
    );
  }
  const kept = new Set(keep.side.accounts.map((a) => `${a.provider}#${a.providerAccountId}`));
  for (const account of other.side.accounts) {
    if (kept.has(`${account.provider}#${account.providerAccountId}`)) {
      warnings.push(
        `Both users hold the ${account.provider} account ${account.providerAccountId} (which the adapter should never allow): ${who(keep.side)}'s stays and the other's copy is deleted.`,
      );
    }
  }
  if (other.side.email && keep.side.email && other.side.email !== keep.side.email) {
    warnings.push(
      `The emails differ (${other.side.email} and ${keep.side.email}): after the merge, a magic link to ${other.side.email} finds no user and creates a new one.`,
    );
  }
  if (other.side.otherItems)
    warnings.push(
      `${other.side.otherItems} other item${other.side.otherItems === 1 ? "" : "s"} in ${who(other.side)}'s partition (not written by the adapter) stay where they are.`,
    );
  return { keep: keep.side, other: other.side, droppedSessions: dropped, movedSessions: moved, warnings };
}
