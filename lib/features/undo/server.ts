import "server-only";
import { audited, authorizeRecorded, type Outcome, RefusedError } from "@/lib/audit/act";
import { claimTombstone, readTombstone, releaseTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { getAuditEntry } from "@/lib/features/audit/server";
import { undoEdit } from "./edit";
import { undoMerge } from "./merge";

async function userExists(table: ProductTable, userId: string) {
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ConsistentRead: true });
  return Boolean(Item);
}

async function indexTaken(table: ProductTable, key: Record<string, string>) {
  return Boolean(await indexLookup(table, key, [table.keys.names.pk]));
}

async function putIfAbsent(table: ProductTable, item: Item) {
  await table.doc.put({
    TableName: table.schema.tableName,
    Item: item,
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": table.keys.names.pk },
  });
}

/**
 * Writes back what an unlink or a user deletion removed, from its tombstone, unless the user
 * or the account exists again meanwhile. Each tombstone undoes once.
 */
export async function undoAction(operator: Operator | null, entryId: string) {
  await authorizeRecorded(operator, "undo", { entryId }, undefined, { stepUp: true });
  const entry = await getAuditEntry(operator, entryId);
  if (entry?.action === "merge-users" && entry.undoUntil) return undoMerge(operator, entry);
  if (!entry || !["unlink-account", "delete-user", "edit-user"].includes(entry.action) || !entry.undoUntil) {
    throw new RefusedError("That entry has nothing to undo.");
  }
  return audited(operator, "undo", { ...entry.target, entryId }, null, async ({ requestId }): Promise<Outcome> => {
    const table = productTable();
    const tombstone = await readTombstone(entry.requestId);
    if (!tombstone) throw new RefusedError("What it removed is no longer kept (undo lasts 7 days).");
    if (!(await claimTombstone(entry.requestId, requestId))) throw new RefusedError("It has already been undone.");
    try {
      if (tombstone.kind === "edit-user") return await undoEdit(table, tombstone, entryId);
      const accounts = tombstone.items.filter((item) => table.keys.parse(item).kind === "account");
      if (tombstone.kind === "unlink-account") {
        if (!(await userExists(table, tombstone.userId))) throw new RefusedError("The user no longer exists.");
      } else {
        const user = tombstone.items.find((item) => table.keys.parse(item).kind === "user");
        if (await userExists(table, tombstone.userId)) throw new RefusedError("The user exists again.");
        if (typeof user?.email === "string" && (await indexTaken(table, table.keys.userIndex(user.email)))) {
          throw new RefusedError(`Another user has the email ${user.email} now.`);
        }
      }
      for (const account of accounts) {
        const parsed = table.keys.parse(account);
        if (parsed.kind === "account" && (await indexTaken(table, table.keys.accountIndex(parsed.provider, parsed.providerAccountId)))) {
          throw new RefusedError(`The ${parsed.provider} account ${parsed.providerAccountId} is linked again.`);
        }
      }
      // The user item first, so accounts never point at a missing user.
      const ordered = [...tombstone.items].sort((a, b) => Number(table.keys.parse(b).kind === "user") - Number(table.keys.parse(a).kind === "user"));
      for (const item of ordered) await putIfAbsent(table, item);
      const what = tombstone.kind === "unlink-account" ? "the unlinked account" : `the user and ${accounts.length} account${accounts.length === 1 ? "" : "s"}`;
      return { result: "ok", message: `Restored ${what}. Sessions are not restored.`, counts: { restored: ordered.length } };
    } catch (error) {
      await releaseTombstone(entry.requestId);
      throw error;
    }
  });
}
