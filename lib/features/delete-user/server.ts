import "server-only";
import { audited, type JobLink, type Outcome } from "@/lib/audit/act";
import { keepTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { productTable } from "@/lib/dynamo/product-table";
import { partitionItems } from "@/lib/dynamo/user-items";

/**
 * Deletes everything in the user's partition (profile, every account, every session: the
 * adapter's own deleteUser stops after 25 items) plus the sign-in tokens pending for their
 * email. The profile and accounts are kept as a tombstone for undo; sessions are not.
 */
export async function deleteUser(operator: Operator | null, request: { userId: string; reason: string; budgetMs?: number; job?: JobLink }) {
  return audited(
    operator,
    "delete-user",
    { userId: request.userId, ...request.job },
    request.reason,
    async ({ requestId }): Promise<Outcome> => {
      const table = productTable();
      const items = await partitionItems(table, table.keys.userPartition(request.userId));
      const user = items.find((item) => table.keys.parse(item).kind === "user");
      const email = typeof user?.email === "string" ? user.email : undefined;
      const tokens = email ? await partitionItems(table, table.keys.verificationTokenPartition(email)) : [];
      const kinds = items.map((item) => table.keys.parse(item).kind);
      const counts = {
        accounts: kinds.filter((k) => k === "account").length,
        sessions: kinds.filter((k) => k === "session").length,
        verificationTokens: tokens.length,
        other: kinds.filter((k) => k === "unknown").length,
      };
      if (items.length === 0) return { result: "ok", message: `User ${request.userId} was already deleted.`, counts: { deleted: 0 } };

      const kept = items.filter((item) => ["user", "account", "unknown"].includes(table.keys.parse(item).kind));
      const undoUntil = user ? await keepTombstone(requestId, { kind: "delete-user", userId: request.userId, items: kept }) : undefined;
      const result = await batchDelete(
        table.doc,
        table.schema.tableName,
        [...items, ...tokens].map((item) => table.keys.keyOf(item)),
        { budgetMs: request.budgetMs },
      );
      const target = { userId: request.userId, email, ...request.job };
      const total = items.length + tokens.length;
      if (result.remaining.length) {
        return {
          result: "partial",
          message: `Deleted ${result.deleted} of ${total} items of ${email ?? request.userId}; ${result.remaining.length} remain (DynamoDB kept throttling). Retry to finish.`,
          counts: { ...counts, deleted: result.deleted, remaining: result.remaining.length },
          undoUntil,
          target,
        };
      }
      return {
        result: "ok",
        message: `Deleted ${email ?? request.userId}: ${counts.accounts} account${counts.accounts === 1 ? "" : "s"}, ${counts.sessions} session${counts.sessions === 1 ? "" : "s"}, ${counts.verificationTokens} sign-in token${counts.verificationTokens === 1 ? "" : "s"}.`,
        counts: { ...counts, deleted: result.deleted, remaining: 0 },
        undoUntil,
        target,
      };
    },
    { stepUp: !request.job },
  );
}
