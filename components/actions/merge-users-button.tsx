"use client";

import { Button, type ButtonProps } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { MergeStart } from "./merge-start";

const Body = deferred(() => import("./merge-users-dialog"));

/** **Merge into…**: pick the user to keep, preview what moves, confirm with a reason (admins, step-up). */
export function MergeUsersButton({ start, size = "sm" }: { start: MergeStart; size?: ButtonProps["size"] }) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button variant="secondary" size={size} {...trigger}>
        <span className={size === "md" ? "icon icon-merge" : "icon icon-merge size-3.5"} aria-hidden />
        Merge into…
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ start, ...state }} />
    </>
  );
}
