"use client";

import { useRef, useState } from "react";

/**
 * State for a dialog whose code loads on demand: spread `trigger` on the button that opens it
 * (hover or focus preloads the code) and render the dialog with `key={opening}` once `opening`
 * is above 0, so each opening starts from fresh state.
 */
export function useDeferredDialog(preload: () => void) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  const show = () => {
    setOpening((count) => count + 1);
    setOpen(true);
  };
  return {
    opening,
    open,
    show,
    trigger: { ref: triggerRef, onPointerEnter: preload, onFocus: preload, onClick: show, "aria-haspopup": "dialog" as const, "aria-expanded": open },
    dialog: { open, onOpenChange: setOpen, returnFocusTo: triggerRef },
  };
}
