import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type JobLink, type Outcome, RefusedError } from "@/lib/audit/act";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";
import { sessionKeysOf } from "@/lib/dynamo/sessions-of-user";
import { blockTerm, GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import { type BlockDuration, blockUntil } from "@/lib/features/block/durations";
import { bulkOutcome, deleteSessionKeys, stampRevokedAt } from "@/lib/features/revoke/server";

const noSuchUser = (userId: string) => new RefusedError(`No user ${userId}: there is nothing to block (a user item is never created).`);

/**
 * Block user, an incident action (so no step-up: like the revokes, it stays one click away):
 * one conditional UpdateItem sets `gatehouseBlock` and `gatehouseRevokedAt` on the user item,
 * then every session item of theirs is deleted. The guard in the product refuses the user's
 * sign-ins and ends their JWT sessions; the block on the item stands even if deleting sessions
 * is cut short (the outcome is partial and Retry finishes it).
 */
export async function blockUser(
  operator: Operator | null,
  request: { userId: string; reason: string; duration: BlockDuration; budgetMs?: number; job?: JobLink },
) {
  return audited(operator, "block-user", { userId: request.userId, ...request.job }, request.reason, async ({ operator: by }): Promise<Outcome> => {
    const table = productTable();
    const now = Date.now();
    const since = new Date(now).toISOString();
    const until = blockUntil(request.duration, now);
    const block = { since, reason: request.reason, by: by.email, ...(until ? { until } : {}) };
    const before = await stampRevokedAt(table, request.userId, since, {
      set: "#block = :block",
      names: { "#block": GUARD_ATTRIBUTES.block },
      values: { ":block": block },
    });
    if (!before) throw noSuchUser(request.userId);
    const email = typeof before.email === "string" ? before.email : undefined;
    const who = email ?? request.userId;
    const previous = toBlockView(before[GUARD_ATTRIBUTES.block], now);
    const keys = await sessionKeysOf(table, request.userId);
    const result = await deleteSessionKeys([...keys.values()], request.budgetMs);
    const sessions = bulkOutcome(keys.size, result.deleted, result.remaining.length, `of ${who}`);
    const blocked = previous?.active
      ? `${who} was already blocked (${blockTerm(previous)}); the block now runs ${blockTerm({ until: until ?? null })}.`
      : `Blocked ${who} ${blockTerm({ until: until ?? null })}.`;
    return {
      result: sessions.result,
      message: `${blocked} ${sessions.message}`,
      counts: { ...sessions.counts, ...(previous?.active ? { updated: 1 } : {}) },
      target: { userId: request.userId, email, fingerprints: [...keys.keys()].slice(0, 100), ...request.job },
    };
  });
}

/**
 * Unblock removes `gatehouseBlock` (conditional on the user existing). `gatehouseRevokedAt`
 * stays: sessions from before the block must not come back. It lets someone back in, so it
 * needs a recent sign-in (step-up), unlike Block.
 */
export async function unblockUser(operator: Operator | null, request: { userId: string; reason?: string }) {
  return audited(
    operator,
    "unblock-user",
    { userId: request.userId },
    request.reason ?? null,
    async (): Promise<Outcome> => {
      const table = productTable();
      let before: Record<string, unknown> | undefined;
      try {
        ({ Attributes: before } = await table.doc.update({
          TableName: table.schema.tableName,
          Key: table.keys.user(request.userId),
          UpdateExpression: "REMOVE #block",
          ConditionExpression: "attribute_exists(#pk)",
          ExpressionAttributeNames: { "#pk": table.keys.names.pk, "#block": GUARD_ATTRIBUTES.block },
          ReturnValues: "ALL_OLD",
        }));
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new RefusedError(`No user ${request.userId}: there is nothing to unblock.`);
        throw error;
      }
      const email = typeof before?.email === "string" ? before.email : undefined;
      const who = email ?? request.userId;
      const had = before?.[GUARD_ATTRIBUTES.block] !== undefined;
      return {
        result: "ok",
        message: had ? `Unblocked ${who}: they can sign in again.` : `${who} was not blocked.`,
        counts: { unblocked: had ? 1 : 0 },
        target: { userId: request.userId, email },
      };
    },
    { stepUp: true },
  );
}
