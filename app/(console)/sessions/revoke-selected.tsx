"use client";

import { useRowSelection } from "@/components/data-table/row-selection";
import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { SelectedSession } from "./revoke-selected-dialog";
import { type SessionCells, sessionKey, sessionOwner } from "./session-rows";

// The dialog, its preview and the action load when the operator points at or focuses the button.
const Body = deferred(() => import("./revoke-selected-dialog"));

/** The table's rows with what the dialog shows of each. */
function selectable(rows: SessionCells[]): SelectedSession[] {
  return rows.map((row) => ({ key: sessionKey(row), userId: row.u, fingerprint: row.f, owner: sessionOwner(row) }));
}

/** Revokes the sessions ticked on this page. */
export function RevokeSelectedButton({ sessions }: { sessions: SessionCells[] }) {
  const selection = useRowSelection();
  const selected = selectable(sessions).filter((session) => selection.selected.has(session.key));
  const count = selected.length;
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" size="sm" disabled={count === 0} {...trigger}>
        Revoke selected
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ selected, onRevoked: () => selection.toggleAll(false), ...state }} />
      <span className="text-xs text-fg-muted" aria-live="polite">
        {count === 0 ? "Select sessions to revoke them together." : `${count} selected`}
      </span>
    </div>
  );
}
