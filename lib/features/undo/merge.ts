import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import type { AuditEntry } from "@/lib/audit/entry";
import { claimTombstone, readTombstone, releaseTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";

/**
 * Undo of a merge: puts the merged user's item back (conditional: unless a user with that id
 * exists again). The accounts and sessions stay with the kept user: moving them back would be a
 * merge of its own, and the kept user may have used them since.
 */
export async function undoMerge(operator: Operator | null, entry: AuditEntry) {
  return audited(
    operator,
    "undo",
    { ...entry.target, entryId: entry.id },
    null,
    async ({ requestId }): Promise<Outcome> => {
      const table = productTable();
      const tombstone = await readTombstone(entry.requestId);
      if (tombstone?.kind !== "merge-users") throw new RefusedError("What it removed is no longer kept (undo lasts 7 days).");
      if (!(await claimTombstone(entry.requestId, requestId))) throw new RefusedError("It has already been undone.");
      const user = tombstone.items[0];
      const into = entry.target.email ?? tombstone.keptUserId ?? "the kept user";
      try {
        if (!user) throw new RefusedError("The merge kept no user item to restore.");
        await table.doc.put({
          TableName: table.schema.tableName,
          Item: user,
          ConditionExpression: "attribute_not_exists(#pk)",
          ExpressionAttributeNames: { "#pk": table.keys.names.pk },
        });
      } catch (error) {
        await releaseTombstone(entry.requestId);
        if (error instanceof ConditionalCheckFailedException)
          throw new RefusedError(`A user with the id ${tombstone.userId} exists again: nothing was restored.`);
        throw error;
      }
      const who = typeof user.email === "string" ? user.email : tombstone.userId;
      return {
        result: "ok",
        message: `Restored the user item of ${who}. Their accounts and sessions stay with ${into}: the merge moved them, and undo does not move them back.`,
        counts: { restored: 1 },
      };
    },
    { stepUp: true },
  );
}
