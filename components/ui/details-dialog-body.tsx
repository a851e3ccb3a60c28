"use client";

import type { DeferredDialogProps } from "./deferred";
import type { DetailsDialogProps } from "./details-dialog-props";
import { Dialog, DialogContent } from "./dialog";

type DetailsDialogBodyProps = Omit<DetailsDialogProps, "label" | "icon" | "hint"> & DeferredDialogProps;

export default function DetailsDialogBody({ open, onOpenChange, children, ...content }: DetailsDialogBodyProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent {...content}>{children}</DialogContent>
    </Dialog>
  );
}
