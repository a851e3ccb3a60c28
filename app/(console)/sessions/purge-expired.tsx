"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { PurgeMemory } from "./purge-expired-dialog";

const Dialog = deferred(() => import("./purge-expired-dialog"));

/** Purge expired: the button renders with the page; the dialog, its steps and their progress load when it is pointed at or focused. */
export function PurgeExpiredButton() {
  const { opening, trigger, state } = useDeferredDialog(Dialog.preload);
  const memory = useRef<PurgeMemory>({ resumeFrom: null, progress: null });
  return (
    <>
      <Button variant="secondary" size="md" {...trigger}>
        <span className="icon icon-eraser" aria-hidden />
        Purge expired
      </Button>
      <DeferredDialog dialog={Dialog} opening={opening} props={{ memory, ...state }} />
    </>
  );
}
