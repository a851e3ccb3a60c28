"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { RevokeSessionTarget } from "./revoke-session-target";

// The preview, the action and the dialog load when the operator points at or focuses Revoke:
// a table of sessions carries one button per row, and only the trigger's code on first load.
const Body = deferred(() => import("./revoke-session-dialog"));

/** Revokes one session; its browser is signed out on its next request. */
export function RevokeSessionButton({ session, now }: { session: RevokeSessionTarget; now: number }) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button variant="secondary" size="sm" {...trigger}>
        Revoke
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ session, now, ...state }} />
    </>
  );
}
