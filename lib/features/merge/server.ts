import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import type { AuditTarget } from "@/lib/audit/entry";
import { keepTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { GUARD_ATTRIBUTES } from "@/lib/features/block/contract";
import { plural } from "@/lib/format/plural";
import { holdMergeLeases, releaseMergeLeases } from "./lease";
import { copyFor, endedUnder, type MoveResult, moveItem } from "./move";

export interface MergeRequest {
  /** The user who stays and receives the accounts and sessions. */
  keepUserId: string;
  /** The user whose accounts and sessions move, and whose user item is then deleted. */
  otherUserId: string;
  reason: string;
  /** Items written at once (per-item conditional PutItem/DeleteItem). */
  concurrency?: number;
  /** Called after each item (tests watch a merge run with it). */
  onProgress?: (counts: MergeCounts) => void;
}

export interface MergeCounts {
  accounts: number;
  sessions: number;
  /** Sessions the guard already treated as over for the merged user: deleted, not moved. */
  droppedSessions: number;
  /** Revoked or unlinked by someone else while being moved: not moved. */
  removedMeanwhile: number;
  /** Accounts the kept user already held: the duplicate deleted. */
  duplicateAccounts: number;
  /** Items in the partition that are not the adapter's: left where they are. */
  otherItemsLeft: number;
}

const PAGE = 50;
const CONCURRENCY = 8;
/** Passes over the partition before the user item is deleted: a sign-in during the merge can add a session behind the first pass. */
const MAX_PASSES = 5;

async function getUserItem(table: ProductTable, userId: string): Promise<Item | undefined> {
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ConsistentRead: true });
  return Item;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
/** A revoke-all and a block both stamp it before they list the sessions to delete: a change means one happened meanwhile. */
const revokedAtOf = (user: Item) => user[GUARD_ATTRIBUTES.revokedAt];
/** Rounds of "the other user was revoked meanwhile" before the merge gives up (and can be run again). */
const MAX_RESTAMPS = 5;

/**
 * Merge users: the other user's accounts and sessions move under the kept user (see moveItem:
 * copy first, old item deleted after, both conditional; GSI1 keys unchanged), then the other
 * user item is deleted, last, and kept as a tombstone for Undo. Admins with a recent sign-in
 * (it deletes a user item, like Delete user). Interrupted, it is finished by running it again.
 *
 * `gatehouseRevokedAt` and blocks of the other user: their sessions that the guard already
 * treats as over are deleted instead of moved (the kept user's older, or absent, revocation
 * time would bring them back), and the kept user's `gatehouseRevokedAt` is not touched (a later
 * one would end the kept user's own sessions). A revoke-all or block of the other user during the
 * merge stamps `gatehouseRevokedAt` before it lists the sessions to delete; the user item is
 * deleted only on the standing last read (conditional), and when it changed, every session moved
 * by this run is deleted: the revoke wins.
 */
export async function mergeUsers(operator: Operator | null, request: MergeRequest) {
  const { keepUserId, otherUserId } = request;
  const users = [keepUserId, otherUserId];
  return audited(
    operator,
    "merge-users",
    { userId: keepUserId, mergedUserId: otherUserId },
    request.reason,
    async ({ requestId }): Promise<Outcome> => {
      if (keepUserId === otherUserId) throw new RefusedError("A user cannot be merged into themselves.");
      try {
        await holdMergeLeases(users, requestId);
        return await merge(requestId);
      } finally {
        // Not after an outage: the lease then runs out by itself (MERGE_LEASE_SECONDS).
        await releaseMergeLeases(users, requestId).catch(() => undefined);
      }
    },
    { stepUp: true },
  );

  async function merge(requestId: string): Promise<Outcome> {
    const table = productTable();
    const { pk, sk } = table.keys.names;
    const [kept, first] = await Promise.all([getUserItem(table, keepUserId), getUserItem(table, otherUserId)]);
    if (!kept) throw new RefusedError(`No user ${keepUserId} to keep.`);
    const target: AuditTarget = { userId: keepUserId, email: text(kept.email), mergedUserId: otherUserId, mergedEmail: text(first?.email) };
    const counts: MergeCounts = { accounts: 0, sessions: 0, droppedSessions: 0, removedMeanwhile: 0, duplicateAccounts: 0, otherItemsLeft: 0 };
    const who = text(first?.email) ?? otherUserId;
    const into = text(kept.email) ?? keepUserId;
    let other: Item = first ?? {};
    /** Session copies written by this run, in case a revoke-all of the other user turns up. */
    const movedSessions: Item[] = [];

    /** One pass over the other user's partition; how many adapter items it found to move. */
    async function pass(standing: Item): Promise<number> {
      let found = 0;
      let others = 0;
      let start: Item | undefined;
      do {
        const page = await table.doc.query({
          TableName: table.schema.tableName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": pk },
          ExpressionAttributeValues: { ":pk": table.keys.userPartition(otherUserId) },
          ConsistentRead: true,
          Limit: PAGE,
          ExclusiveStartKey: start,
        });
        await holdMergeLeases(users, requestId);
        const movable = (page.Items ?? []).flatMap((item) => {
          const kind = table.keys.parse(item).kind;
          if (kind === "account" || kind === "session") return [{ item, kind }];
          if (kind !== "user") others++;
          return [];
        });
        found += movable.length;
        await mapConcurrent(movable, request.concurrency ?? CONCURRENCY, async ({ item, kind }) => {
          const drop = kind === "session" && endedUnder(standing, item, table.config.productSessionSeconds);
          const result: MoveResult = await moveItem(table, item, keepUserId, kind as "account" | "session", drop);
          if (result === "moved") {
            if (kind === "account") counts.accounts++;
            else {
              counts.sessions++;
              movedSessions.push(copyFor(table, item, keepUserId));
            }
          } else if (result === "dropped") counts.droppedSessions++;
          else if (result === "removed") counts.removedMeanwhile++;
          else counts.duplicateAccounts++;
          request.onProgress?.({ ...counts });
        });
        start = page.LastEvaluatedKey;
      } while (start);
      counts.otherItemsLeft = others;
      return found;
    }

    if (!first) {
      // Deleted already: a merge that got that far (the user item goes last), or a deletion.
      const left = await pass({});
      if (left === 0) return { result: "ok", message: `${otherUserId} was already merged or deleted: nothing to move.`, counts: { ...counts }, target };
      return {
        result: "ok",
        message: `${otherUserId} no longer exists; moved its ${plural(left, "leftover item")} to ${into}.`,
        counts: { ...counts },
        target,
      };
    }

    for (let i = 0; i < MAX_PASSES && (await pass(other)) > 0; i++);

    let undoUntil: string | undefined;
    for (let round = 0; ; round++) {
      await holdMergeLeases(users, requestId);
      const now = await getUserItem(table, otherUserId);
      // Deleted by someone else (Delete user keeps its own tombstone): nothing of ours to undo.
      if (!now) {
        undoUntil = undefined;
        break;
      }
      if (revokedAtOf(now) !== revokedAtOf(other)) {
        if (round >= MAX_RESTAMPS) throw new RefusedError(`${who} keeps being revoked while the merge runs; run it again once that stops.`);
        // Revoked or blocked while we moved: the sessions it meant to end may be under the kept user now.
        await mapConcurrent(movedSessions.splice(0), request.concurrency ?? CONCURRENCY, async (copy) => {
          await table.doc.delete({ TableName: table.schema.tableName, Key: { [pk]: copy[pk], [sk]: copy[sk] } });
          counts.sessions--;
          counts.removedMeanwhile++;
        });
        other = now;
        await pass(other);
        continue;
      }
      undoUntil = await keepTombstone(requestId, { kind: "merge-users", userId: otherUserId, keptUserId: keepUserId, items: [now] });
      try {
        const revokedAt = revokedAtOf(now);
        await table.doc.delete({
          TableName: table.schema.tableName,
          Key: table.keys.user(otherUserId),
          ConditionExpression:
            revokedAt === undefined ? "attribute_exists(#pk) AND attribute_not_exists(#revokedAt)" : "attribute_exists(#pk) AND #revokedAt = :revokedAt",
          ExpressionAttributeNames: { "#pk": pk, "#revokedAt": GUARD_ATTRIBUTES.revokedAt },
          ExpressionAttributeValues: revokedAt === undefined ? undefined : { ":revokedAt": revokedAt },
        });
        break;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    // A session created for the other user after the last pass would be an orphan now: it moves too.
    await pass(other);

    const moved = `${plural(counts.accounts, "account")} and ${plural(counts.sessions, "session")}`;
    const skipped = [
      counts.droppedSessions ? `${plural(counts.droppedSessions, "session")} already revoked for ${who} deleted instead` : "",
      counts.removedMeanwhile ? `${counts.removedMeanwhile} revoked or unlinked while moving` : "",
      counts.duplicateAccounts ? `${plural(counts.duplicateAccounts, "duplicate account")} dropped` : "",
      counts.otherItemsLeft ? `${plural(counts.otherItemsLeft, "other item")} left in place` : "",
    ].filter(Boolean);
    return {
      result: "ok",
      message: `Merged ${who} into ${into}: moved ${moved}${skipped.length ? ` (${skipped.join("; ")})` : ""}, and deleted ${who}'s user item.`,
      counts: { ...counts },
      undoUntil,
      target,
    };
  }
}
