"use server";

import { failure } from "@/lib/actions/action-result";
import type { AuditEntry } from "@/lib/audit/entry";
import { currentOperator } from "@/lib/auth/operator";
import { auditEntryIdSchema } from "./schema";
import { getAuditEntry } from "./server";

export type AuditEntryResult = { ok: true; entry: AuditEntry } | { ok: false; error: string };

/**
 * One whole entry, for the audit table's Details and Undo dialogs: the rows carry only what their
 * columns show, so who asked from where, an edit's changes and the rest come when a dialog opens.
 * A read: any operator may make it, charged to their read budget (getAuditEntry).
 */
export async function readAuditEntryAction(input: unknown): Promise<AuditEntryResult> {
  const parsed = auditEntryIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const entry = await getAuditEntry(await currentOperator(), parsed.data.id);
    return entry ? { ok: true, entry } : { ok: false, error: "This entry is not in the audit log (any more)." };
  } catch (error) {
    const result = failure(error);
    return { ok: false, error: result.ok ? "" : result.error };
  }
}
