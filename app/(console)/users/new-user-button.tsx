"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";

const Body = deferred(() => import("./new-user-dialog"));

/** New user (admins): the button renders with the page; the dialog loads on hover, focus or click. */
export function NewUserButton() {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button {...trigger}>
        <span className="icon icon-user-plus" aria-hidden />
        New user
      </Button>
      <DeferredDialog<object> dialog={Body} opening={opening} props={{ ...state }} />
    </>
  );
}
