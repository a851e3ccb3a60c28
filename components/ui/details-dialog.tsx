"use client";

import { type Deferred, DeferredDialog, type DeferredDialogProps, useDeferredDialog } from "./deferred";

/**
 * A button that shows read-only details in a dialog. The dialog is a deferred component given
 * only data (`props`): its code and its markup come on demand, so a table with this button on
 * every row sends each row's data once instead of a closed dialog's markup per row. The button
 * is one element: its icon comes from its class (`.btn-details`), its name from `aria-label`.
 */
export function DetailsDialog<P extends object>({ label, dialog, props }: { label: string; dialog: Deferred<P & DeferredDialogProps>; props: P }) {
  const { opening, trigger, state } = useDeferredDialog(dialog.preload);
  // A modal dialog is not something the button expands: aria-haspopup says what it opens.
  const { "aria-expanded": _expanded, ...opens } = trigger;
  return (
    <>
      <button type="button" aria-label={label} {...opens} className="btn-details" />
      <DeferredDialog dialog={dialog} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}
