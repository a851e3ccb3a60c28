"use client";

import { type Deferred, DeferredDialog, type DeferredDialogProps, useDeferredDialog } from "./deferred";

/**
 * A button that shows read-only details in a dialog. The dialog is a deferred component given
 * only data (`props`): its code and its markup come on demand, so a table with this button on
 * every row sends each row's data once instead of a closed dialog's markup per row.
 */
export function DetailsDialog<P extends object>({
  label,
  icon,
  hint,
  dialog,
  props,
}: {
  /** The trigger's accessible name. */
  label: string;
  /** The trigger's face (an icon) and hover text. */
  icon: React.ReactNode;
  hint?: string;
  dialog: Deferred<P & DeferredDialogProps>;
  props: P;
}) {
  const { opening, trigger, state } = useDeferredDialog(dialog.preload);
  return (
    <>
      <button type="button" title={hint} {...trigger} className="btn-icon">
        {icon}
        <span className="sr-only">{label}</span>
      </button>
      <DeferredDialog dialog={dialog} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}
