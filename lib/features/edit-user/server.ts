import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import type { AuditChanges } from "@/lib/audit/entry";
import { type AttributeState, keepTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { conditionalWrite, statesOf } from "@/lib/dynamo/attribute-states";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { otherEmailHolder } from "@/lib/dynamo/email-holder";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { partitionItems } from "@/lib/dynamo/user-items";
import { changedFields, EDITABLE_FIELDS, type EditableField, type EditableUser, type EditRequestFields, fieldLabels } from "@/lib/features/edit-user/preview";
import { normalizeEmail } from "@/lib/features/users/email-address";
import { EmailTakenError } from "@/lib/features/users/email-taken";
import { toUserRow } from "@/lib/features/users/row";

// One class for Create and Edit user (lib/features/users/email-taken.ts); re-exported for this feature's action.
export { EmailTakenError };

export interface EditUserRequest extends EditRequestFields {
  userId: string;
  /** The values the operator saw when opening the dialog: the edit applies only if they still stand. */
  seen: EditableUser;
  /** Email change: also delete the sign-in tokens pending for the old address. */
  deleteOldTokens?: boolean;
  reason?: string | null;
}

export function editableOf(item: Item, userId: string): EditableUser {
  const { email, name, image, emailVerified } = toUserRow(item, userId);
  return { email, name, image, emailVerified };
}

const RELOAD = "Reload the page to see the current values.";

/** Why a write conditional on what the operator saw did not apply: read again and say what moved. */
export async function changedMeanwhile(table: ProductTable, userId: string, seen: EditableUser): Promise<RefusedError> {
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ConsistentRead: true });
  if (!Item) return new RefusedError(`The user was deleted meanwhile: nothing was changed.`);
  const now = editableOf(Item, userId);
  if (now.email !== seen.email) return new RefusedError(`The email changed meanwhile (it is now ${now.email ?? "empty"}): nothing was changed. ${RELOAD}`);
  const moved = EDITABLE_FIELDS.filter((field) => now[field] !== seen[field]).map((field) => fieldLabels[field].toLowerCase());
  return new RefusedError(`The user was edited meanwhile${moved.length ? ` (${moved.join(", ")})` : ""}: nothing was changed. ${RELOAD}`);
}

const shown = (field: EditableField, value: string | null) =>
  value === null ? (field === "emailVerified" ? "not verified" : "empty") : field === "name" ? `"${value}"` : value;

export function describeChanges(changes: AuditChanges): string {
  return Object.keys(changes.after)
    .map(
      (field) =>
        `${fieldLabels[field as EditableField].toLowerCase()} ${shown(field as EditableField, changes.before[field] ?? null)} → ${shown(field as EditableField, changes.after[field] ?? null)}`,
    )
    .join("; ");
}

/** The attribute states an edit writes: cleared name/image are removed; emailVerified is null when not verified, as the adapter writes it. */
function targetStates(table: ProductTable, after: Partial<EditableUser>): Record<string, AttributeState> {
  const states: Record<string, AttributeState> = {};
  for (const [field, value] of Object.entries(after) as [EditableField, string | null][]) {
    states[field] = value === null && field !== "emailVerified" ? { present: false } : { present: true, value };
  }
  if (typeof after.email === "string") {
    const { gpk, gsk } = table.keys.names;
    const index = table.keys.userIndex(after.email);
    states[gpk] = { present: true, value: index[gpk] };
    states[gsk] = { present: true, value: index[gsk] };
  }
  return states;
}

async function conditionalUpdate(
  table: ProductTable,
  userId: string,
  expected: Record<string, AttributeState>,
  to: Record<string, AttributeState>,
): Promise<boolean> {
  try {
    await table.doc.update({ TableName: table.schema.tableName, Key: table.keys.user(userId), ...conditionalWrite(table.keys.names.pk, expected, to) });
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Edit user: name, image URL, email, email verified. One conditional UpdateItem, on the values
 * the operator saw (a stale dialog never overwrites a newer edit). An email change checks
 * GSI1 that no other user holds the new address and rewrites the index keys in the same
 * write (the adapter's own updateUser never does), and may delete the old address's pending
 * sign-in tokens. It moves the user's sign-in identity, so it needs step-up; name and image
 * edits do not. The previous values are kept as a tombstone for Undo.
 */
export async function editUser(operator: Operator | null, edit: EditUserRequest) {
  const { userId, seen } = edit;
  // The action's schema normalized it already; a direct call gets the same rule.
  const normalized = edit.email === undefined ? undefined : normalizeEmail(edit.email);
  const request = { ...edit, email: normalized?.ok ? normalized.email : undefined };
  const emailEdit = (normalized !== undefined && !normalized.ok) || (request.email !== undefined && request.email !== seen.email);
  const target = { userId, ...(seen.email ? { email: seen.email } : {}) };
  return audited(
    operator,
    "edit-user",
    target,
    request.reason ?? null,
    async ({ requestId }): Promise<Outcome> => {
      if (normalized && !normalized.ok) throw new RefusedError(normalized.error);
      const table = productTable();
      const { Item: item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ConsistentRead: true });
      if (!item) throw new RefusedError(`No user ${userId}: there is nothing to edit (a user item is never created).`);
      const current = editableOf(item, userId);
      if (EDITABLE_FIELDS.some((field) => current[field] !== seen[field])) throw await changedMeanwhile(table, userId, seen);

      const { before, after } = changedFields(seen, request, Date.now());
      const who = seen.email ?? userId;
      if (Object.keys(after).length === 0) return { result: "ok", message: `Nothing to change on ${who}.`, counts: { changed: 0 }, target };
      const newEmail = typeof after.email === "string" ? after.email : undefined;
      if (newEmail) {
        const holder = await otherEmailHolder(table, newEmail, userId);
        if (holder) throw new EmailTakenError(newEmail, holder, "edit");
      }

      const to = targetStates(table, after);
      // Conditional on all four fields as read (raw), so any edit in between makes this one fail.
      const expected = statesOf(item, EDITABLE_FIELDS);
      const previous = statesOf(item, Object.keys(to));
      const undoUntil = await keepTombstone(requestId, { kind: "edit-user", userId, items: [], edit: { before: previous, after: to } });
      if (!(await conditionalUpdate(table, userId, expected, to))) throw await changedMeanwhile(table, userId, seen);

      if (newEmail) {
        // Two users renamed to one address at the same moment both pass the check above: the later one steps back.
        const rival = await otherEmailHolder(table, newEmail, userId);
        if (rival) {
          await conditionalUpdate(table, userId, to, previous);
          throw new EmailTakenError(newEmail, rival, "edit-raced");
        }
      }

      const changes: AuditChanges = { before: before as Record<string, string | null>, after: after as Record<string, string | null> };
      const counts: Record<string, number> = { changed: Object.keys(after).length };
      let tokens = "";
      let partial = false;
      if (newEmail && seen.email && request.deleteOldTokens) {
        const pending = (await partitionItems(table, table.keys.verificationTokenPartition(seen.email))).filter(
          (t) => table.keys.parse(t).kind === "verificationToken",
        );
        const result = await batchDelete(
          table.doc,
          table.schema.tableName,
          pending.map((t) => table.keys.keyOf(t)),
        );
        counts.verificationTokens = result.deleted;
        if (result.remaining.length) {
          counts.remaining = result.remaining.length;
          partial = true;
          tokens = ` Deleted ${result.deleted} of ${pending.length} pending sign-in tokens of ${seen.email}; ${result.remaining.length} remain (DynamoDB kept throttling).`;
        } else if (pending.length) {
          tokens = ` Deleted ${pending.length} pending sign-in token${pending.length === 1 ? "" : "s"} of ${seen.email}.`;
        }
      }
      return {
        result: partial ? "partial" : "ok",
        message: `Edited ${who}: ${describeChanges(changes)}.${tokens}`,
        counts,
        undoUntil,
        changes,
        target: { userId, ...(newEmail ? { email: newEmail, ...(seen.email ? { previousEmail: seen.email } : {}) } : target) },
      };
    },
    { stepUp: emailEdit },
  );
}
