"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";

const Body = deferred(() => import("./create-api-key-dialog"));

/** Create API key: the button renders with the page; the dialog (see create-api-key-dialog.tsx) loads on hover, focus or click. */
export function CreateApiKeyButton() {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button {...trigger}>
        <span className="icon icon-plus" aria-hidden />
        Create API key
      </Button>
      <DeferredDialog<object> dialog={Body} opening={opening} props={{ ...state }} />
    </>
  );
}
