"use client";

import { useRowSelection } from "@/components/data-table/row-selection";
import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { SessionCells } from "./session-rows";

// The dialog, its preview and the action load when the operator points at or focuses the button.
const Body = deferred(() => import("./revoke-selected-dialog"));

/** Revokes the sessions ticked on this page. */
export function RevokeSelectedButton({ sessions }: { sessions: SessionCells[] }) {
  const selection = useRowSelection();
  // The provider keeps only keys of rows on this page.
  const count = selection.selected.size;
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" size="sm" disabled={count === 0} {...trigger}>
        Revoke selected
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ sessions, keys: selection.selected, onRevoked: () => selection.toggleAll(false), ...state }} />
      <span className="text-xs text-fg-muted" aria-live="polite">
        {count === 0 ? "Select sessions to revoke them together." : `${count} selected`}
      </span>
    </div>
  );
}
