"use client";

import { DeferredDialog, deferred, useDeferredDialog } from "./deferred";

const Body = deferred(() => import("./details-dialog-body"));

export interface DetailsDialogProps {
  /** The trigger's accessible name. */
  label: string;
  /** The trigger's face (an icon) and hover text. */
  icon: React.ReactNode;
  hint?: string;
  title: React.ReactNode;
  description?: React.ReactNode;
  wide?: boolean;
  children: React.ReactNode;
}

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
