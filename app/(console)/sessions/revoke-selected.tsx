"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { useRowSelection } from "@/components/data-table/row-selection";
import { revokeSelectedAction } from "@/lib/features/revoke/action";
import { type SessionCells, sessionKey, sessionOwner } from "./session-rows";

/** The table's rows with what the dialog shows of each. */
function selectable(rows: SessionCells[]) {
  return rows.map((row) => ({ key: sessionKey(row), userId: row.u, fingerprint: row.f, owner: sessionOwner(row) }));
}

/** Revokes the sessions ticked on this page; the server skips (and counts) any already gone. */
export function RevokeSelectedButton({ sessions }: { sessions: SessionCells[] }) {
  const selection = useRowSelection();
  const selected = selectable(sessions).filter((session) => selection.selected.has(session.key));
  const count = selected.length;
  return (
    <div className="flex items-center gap-2">
      <ConfirmActionDialog
        triggerLabel="Revoke selected"
        triggerDisabled={count === 0}
        title={`Revoke ${count} selected session${count === 1 ? "" : "s"}?`}
        description="Each browser holding one of these sessions is signed out on its next request. The users can sign in again."
        preview={
          <ul className="max-h-52 space-y-0.5 overflow-y-auto pr-1">
            {selected.map((session) => (
              <li key={session.key} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono text-xs">…{session.fingerprint}</span>
                <span className="min-w-0 truncate text-fg-muted">{session.owner}</span>
              </li>
            ))}
          </ul>
        }
        requireReason
        confirmLabel="Revoke selected"
        danger
        onConfirm={async (reason) => {
          const result = await revokeSelectedAction({ sessions: selected.map(({ userId, fingerprint }) => ({ userId, fingerprint })), reason });
          if (result.ok) selection.toggleAll(false);
          return result;
        }}
      />
      <span className="text-xs text-fg-muted" aria-live="polite">
        {count === 0 ? "Select sessions to revoke them together." : `${count} selected`}
      </span>
    </div>
  );
}
