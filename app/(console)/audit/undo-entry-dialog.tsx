"use client";

import { useRouter } from "next/navigation";
import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import { Notice } from "@/components/notice";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditAction, AuditEntry } from "@/lib/audit/entry";
import { EDITABLE_FIELDS, fieldLabels } from "@/lib/features/edit-user/preview";
import { undoEntryAction } from "@/lib/features/undo/action";
import { ChangesTable } from "./changes-table";
import { type AuditEntryState, useAuditEntry } from "./use-audit-entry";

const editedFields = (entry: AuditEntry) =>
  EDITABLE_FIELDS.filter((field) => field in (entry.changes?.after ?? {}))
    .map((field) => fieldLabels[field].toLowerCase())
    .join(", ");

/** What an undo writes back, in words: the operator confirms exactly this. */
export function restoredText(entry: AuditEntry): string {
  const { target } = entry;
  const who = target.email ?? target.userId ?? "an unknown user";
  if (entry.action === "edit-user") return `the values ${who} had before this edit (${editedFields(entry)}), unless they changed again since`;
  if (entry.action === "unlink-account") {
    const account = [target.provider ?? "provider", "account", target.providerAccountId].filter(Boolean).join(" ");
    return `the unlinked ${account} of ${who}`;
  }
  if (entry.action === "merge-users") {
    return `the user item of ${target.mergedEmail ?? target.mergedUserId ?? "the merged user"}; their accounts and sessions stay with ${who}`;
  }
  return `the user ${who} and their accounts; sessions are not restored`;
}

const titles: Partial<Record<AuditAction, string>> = {
  "unlink-account": "Undo this unlink?",
  "edit-user": "Undo this edit?",
  "merge-users": "Undo this merge?",
};

export interface UndoEntryDialogProps {
  id: string;
  action: AuditAction;
}

/** What the undo writes back, read from the entry as the dialog opens: the operator confirms exactly this. */
function Preview({ state }: { state: AuditEntryState }) {
  if (state.status === "loading") {
    return (
      <div role="status" aria-label="Reading the entry…" className="space-y-2">
        <div className="skeleton-block h-5" />
        <div className="skeleton-block h-5 w-2/3" />
      </div>
    );
  }
  if (state.status === "failed") {
    return (
      <Notice tone="error" role="alert" title="The entry could not be read, so it cannot be undone from here">
        <p>{state.error}</p>
      </Notice>
    );
  }
  const { entry } = state;
  return (
    <>
      <p>Restores {restoredText(entry)}.</p>
      {entry.action === "edit-user" && entry.changes ? <ChangesTable changes={{ before: entry.changes.after, after: entry.changes.before }} /> : null}
      {entry.undoUntil ? (
        <p className="text-xs text-fg-muted">
          Possible once, until <RelativeTime epochMs={Date.parse(entry.undoUntil)} serverNow={Date.now()} className="font-medium text-fg" /> (
          {entry.undoUntil.slice(0, 16).replace("T", " ")} UTC).
        </p>
      ) : null}
    </>
  );
}

/** The Undo dialog behind UndoEntryButton, loaded on demand. */
export default function UndoEntryDialog({ id, action, ...dialog }: UndoEntryDialogProps & DeferredDialogProps) {
  const router = useRouter();
  const state = useAuditEntry(id);
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={titles[action] ?? "Undo this deletion?"}
      description="Writes back what the action removed, unless it exists again meanwhile. The undo is recorded in this log as an entry of its own."
      preview={<Preview state={state} />}
      confirmLabel="Undo"
      confirmDisabled={state.status !== "loaded"}
      stepUp
      onConfirm={async () => {
        const result = await undoEntryAction({ entryId: id });
        if (result.ok) router.refresh();
        return result;
      }}
    />
  );
}
