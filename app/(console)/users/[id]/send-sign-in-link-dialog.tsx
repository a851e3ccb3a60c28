"use client";

import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { blockTerm } from "@/lib/features/block/contract";
import type { BlockView } from "@/lib/features/block/schema";
import { sendSignInLinkAction } from "@/lib/features/send-sign-in-link/action";
import type { ActionUser } from "./user-action-props";

export interface SendSignInLinkDialogProps {
  user: ActionUser;
  product: string;
  blocked: BlockView | null;
}

/** The Send sign-in link dialog behind SendSignInLinkButton, loaded on demand. */
export default function SendSignInLinkDialog({ user, product, blocked, ...dialog }: SendSignInLinkDialogProps & DeferredDialogProps) {
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={`Send a sign-in link to ${user.email ?? "this user"}?`}
      description="The product emails its own magic link, exactly as when the user asks for one on its sign-in page. Gatehouse never sees the link."
      preview={
        <ul className="list-disc space-y-0.5 pl-5">
          <li>
            <span className="font-medium">{product}</span> is asked to email a sign-in link to <span className="font-medium">{user.email}</span>
          </li>
          <li>The link signs them in to the product and, on first use, verifies their email</li>
        </ul>
      }
      warning={
        blocked ? (
          <>
            <p className="font-semibold">
              {user.email} is blocked ({blockTerm(blocked)}).
            </p>
            <p className="text-fg-muted">
              Where the product runs gatehouse-guard it refuses their sign-in anyway: the link will not let them in until they are unblocked.
            </p>
          </>
        ) : undefined
      }
      offerReason
      confirmLabel="Send sign-in link"
      onConfirm={(reason) => sendSignInLinkAction({ userId: user.id, reason })}
    />
  );
}
