import "server-only";
import { isDeepStrictEqual } from "node:util";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { blockIsActive, timeOf } from "@/guard/src/contract";
import type { ProductTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { GUARD_ATTRIBUTES } from "@/lib/features/block/contract";

/** How one account or session item of the merged user ended up. */
export type MoveResult =
  /** Copied under the kept user, the old item deleted. */
  | "moved"
  /** A session the guard had already ended for the merged user (block, or began before their gatehouseRevokedAt): deleted, not moved. */
  | "dropped"
  /** Deleted (revoked, unlinked) by someone else while it was being copied: the copy is deleted too. */
  | "removed"
  /** The kept user already holds this very account (same provider and id): theirs stays, the duplicate goes. */
  | "duplicate";

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Whether the guard would already treat this session as over under the merged user's standing
 * (the rule of guard.ts `databaseSessionEnded`): moved under the kept user, whose
 * `gatehouseRevokedAt` may be older or absent, it would come back to life. `expires` is stored
 * in epoch seconds.
 */
export function endedUnder(user: Item, session: Item, maxAgeSeconds: number, now = Date.now()): boolean {
  if (blockIsActive(user[GUARD_ATTRIBUTES.block], now)) return true;
  const revokedAt = timeOf(user[GUARD_ATTRIBUTES.revokedAt]);
  if (revokedAt === undefined) return false;
  const created = timeOf(session.createdAt);
  const expires = typeof session.expires === "number" ? session.expires * 1000 : undefined;
  const latestStart = created ?? (expires === undefined ? undefined : expires - maxAgeSeconds * 1000);
  return latestStart === undefined || latestStart < revokedAt;
}

/**
 * The item as it lives under the kept user: same sort key and GSI1 keys (so lookups by provider
 * account or session token still find it), new partition and userId.
 */
export function copyFor(table: ProductTable, item: Item, keptUserId: string): Item {
  return { ...item, [table.keys.names.pk]: table.keys.userPartition(keptUserId), userId: keptUserId };
}

async function deleteIfExists(table: ProductTable, key: Item): Promise<boolean> {
  try {
    await table.doc.delete({
      TableName: table.schema.tableName,
      Key: key,
      ConditionExpression: "attribute_exists(#pk)",
      ExpressionAttributeNames: { "#pk": table.keys.names.pk },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

async function putIf(table: ProductTable, item: Item, condition: "attribute_not_exists(#pk)" | "attribute_exists(#pk)"): Promise<boolean> {
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: item,
      ConditionExpression: condition,
      ExpressionAttributeNames: { "#pk": table.keys.names.pk },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Moves one account or session item of the merged user under the kept user: the copy is written
 * first (conditionally), the old item deleted after (conditionally), so the provider account or
 * session resolves to a user at every moment; between the two steps GSI1 holds both, and each
 * points at an existing user. Idempotent: a copy already written by an interrupted run is fine.
 *
 * A revoke wins: when the old item is gone by the time it is deleted here, someone revoked
 * (or unlinked) it while it was being copied, so the copy is deleted as well. (Should the process
 * die between that failed delete and the copy's deletion, the copy survives; the window is one
 * request wide.)
 */
export async function moveItem(table: ProductTable, item: Item, keptUserId: string, kind: "account" | "session", drop: boolean): Promise<MoveResult> {
  const oldKey = table.keys.keyOf(item);
  if (drop) {
    await deleteIfExists(table, oldKey);
    return "dropped";
  }
  const copy = copyFor(table, item, keptUserId);
  const copyKey = table.keys.keyOf(copy);
  if (!(await putIf(table, copy, "attribute_not_exists(#pk)"))) {
    const { Item: existing } = await table.doc.get({ TableName: table.schema.tableName, Key: copyKey, ConsistentRead: true });
    if (existing && !isDeepStrictEqual(existing, copy)) {
      if (kind === "account") {
        // Both users hold the same provider account (the adapter's lookups can't tell them apart):
        // the kept user's link stays, with its own tokens, and the duplicate goes.
        await deleteIfExists(table, oldKey);
        return "duplicate";
      }
      // A session token is unique, so this is an interrupted run's copy, and the old item was
      // extended since (the adapter's updateSession): bring the copy up to date, unless a
      // sign-out deleted it meanwhile, in which case the session is over.
      if (!(await putIf(table, copy, "attribute_exists(#pk)"))) {
        await deleteIfExists(table, oldKey);
        return "removed";
      }
    } else if (!existing && !(await putIf(table, copy, "attribute_not_exists(#pk)"))) {
      // Written and deleted again between our two calls: someone is acting on it; leave it to the next run.
      return "removed";
    }
  }
  if (!(await deleteIfExists(table, oldKey))) {
    await table.doc.delete({ TableName: table.schema.tableName, Key: copyKey });
    return "removed";
  }
  return "moved";
}
