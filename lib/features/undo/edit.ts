import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type Outcome, RefusedError } from "@/lib/audit/act";
import type { AuditChanges } from "@/lib/audit/entry";
import type { Tombstone } from "@/lib/audit/tombstones";
import { conditionalWrite, holdsStates } from "@/lib/dynamo/attribute-states";
import { otherEmailHolder } from "@/lib/dynamo/email-holder";
import type { ProductTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { EDITABLE_FIELDS, type EditableField } from "@/lib/features/edit-user/preview";
import { describeChanges, editableOf } from "@/lib/features/edit-user/server";

const changedAgain = () => new RefusedError("The user was changed again since this edit: nothing was restored. Use Edit user instead.");

/** The edited fields of an item as the pages show them. */
function shownFields(item: Item, userId: string, fields: EditableField[]): Record<string, string | null> {
  const all = editableOf(item, userId);
  return Object.fromEntries(fields.map((field) => [field, all[field]]));
}

/**
 * Undo of Edit user: writes the tombstone's previous values back (GSI1 keys too, for an email
 * change) in one UpdateItem, conditional on the user still holding what the edit wrote; refused
 * when the user changed again meanwhile or another user holds the old email now. Sign-in
 * tokens the edit deleted are not restored.
 */
export async function undoEdit(table: ProductTable, tombstone: Tombstone, entryId: string): Promise<Outcome> {
  const { userId, edit } = tombstone;
  if (!edit) throw new RefusedError("That entry has nothing to undo.");
  const { Item: item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ConsistentRead: true });
  if (!item) throw new RefusedError("The user no longer exists.");
  if (!holdsStates(item, edit.after)) throw changedAgain();
  const oldEmail = edit.before.email;
  if (edit.after.email && oldEmail?.present && typeof oldEmail.value === "string") {
    if (await otherEmailHolder(table, oldEmail.value, userId))
      throw new RefusedError(`Another user has the email ${oldEmail.value} now: nothing was restored.`);
  }
  const fields = EDITABLE_FIELDS.filter((field) => field in edit.after);
  const now = shownFields(item, userId, fields);
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.keys.user(userId),
      ...conditionalWrite(table.keys.names.pk, edit.after, edit.before),
    });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw changedAgain();
    throw error;
  }
  const restored = { ...item };
  for (const [name, state] of Object.entries(edit.before)) {
    if (state.present) restored[name] = state.value;
    else delete restored[name];
  }
  const changes: AuditChanges = { before: now, after: shownFields(restored, userId, fields) };
  const email = typeof restored.email === "string" ? restored.email : undefined;
  return {
    result: "ok",
    message: `Restored ${email ?? userId}: ${describeChanges(changes)}.${edit.after.email ? " Sign-in tokens the edit deleted are not restored." : ""}`,
    counts: { restored: fields.length },
    changes,
    target: { userId, entryId, ...(email ? { email } : {}), ...(edit.after.email && typeof now.email === "string" ? { previousEmail: now.email } : {}) },
  };
}
