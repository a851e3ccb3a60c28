"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { UndoEntryDialogProps } from "./undo-entry-dialog";

const Body = deferred(() => import("./undo-entry-dialog"));

/** Undo an audited action: the button renders with the page; the dialog (see undo-entry-dialog.tsx) loads on hover, focus or click, and reads the entry as it opens. */
export function UndoEntryButton(props: UndoEntryDialogProps) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button variant="secondary" size="sm" {...trigger}>
        Undo
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}
