"use client";

import { DeferredDialog, deferred, useDeferredDialog } from "./deferred";
import type { DetailsDialogProps } from "./details-dialog-props";

const Body = deferred(() => import("./details-dialog-body"));

/** A button that shows read-only details in a dialog; the dialog's code loads on demand. */
export function DetailsDialog({ label, icon, hint, ...content }: DetailsDialogProps) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <button
        type="button"
        title={hint}
        {...trigger}
        className="inline-flex size-7 items-center justify-center rounded-md text-fg-muted transition-colors hover:bg-muted hover:text-fg"
      >
        {icon}
        <span className="sr-only">{label}</span>
      </button>
      <DeferredDialog dialog={Body} opening={opening} props={{ ...content, ...state }} />
    </>
  );
}
