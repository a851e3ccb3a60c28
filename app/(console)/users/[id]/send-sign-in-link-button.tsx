"use client";

import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { SendSignInLinkDialogProps } from "./send-sign-in-link-dialog";

const Body = deferred(() => import("./send-sign-in-link-dialog"));

/** Send sign-in link: the button renders with the page; the dialog (see send-sign-in-link-dialog.tsx) loads on hover, focus or click. */
export function SendSignInLinkButton(props: SendSignInLinkDialogProps) {
  const { opening, trigger, state } = useDeferredDialog(Body.preload);
  return (
    <>
      <Button variant="secondary" size="md" disabled={!props.user.email} {...trigger}>
        <span className="icon icon-send" aria-hidden />
        Send sign-in link
      </Button>
      <DeferredDialog dialog={Body} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}
