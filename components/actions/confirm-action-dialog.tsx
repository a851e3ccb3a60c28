"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { ConfirmActionDialogProps } from "./confirm-action-dialog-props";

const Body = deferred(() => import("./confirm-action-dialog-body"));

/**
 * The one way a console action is confirmed. The trigger renders with the page; the dialog
 * (see confirm-action-dialog-body.tsx) loads when the operator points at or focuses it.
 */
export function ConfirmActionDialog({
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize = "sm",
  triggerIcon,
  triggerDisabled,
  ...dialog
}: ConfirmActionDialogProps) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button variant={triggerVariant} size={triggerSize} disabled={triggerDisabled} {...trigger}>
        {triggerIcon}
        {triggerLabel}
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ ...dialog, ...state }} />
    </>
  );
}
