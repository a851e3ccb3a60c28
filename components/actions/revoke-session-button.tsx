"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { revokeSessionAction } from "@/lib/actions/mutations";

export interface RevokeSessionTarget {
  userId: string;
  fingerprint: string;
  /** Epoch ms, or null when the session has no expiry. */
  expires: number | null;
  /** Who the session belongs to, for the preview: their email, or their id when there is none. */
  owner: string;
}

/** Revokes one session; its browser is signed out on its next request. No reason asked: it is the smallest action. */
export function RevokeSessionButton({ session, now }: { session: RevokeSessionTarget; now: number }) {
  const expiry =
    session.expires === null ? (
      "no expiry"
    ) : (
      <>
        {session.expires > now ? "expires" : "expired"} <RelativeTime epochMs={session.expires} serverNow={now} />
      </>
    );
  return (
    <ConfirmActionDialog
      triggerLabel="Revoke"
      title="Revoke this session?"
      description="The browser holding it is signed out on its next request. The user can sign in again."
      preview={
        <p>
          Session <span className="font-mono">…{session.fingerprint}</span> of <span className="font-medium">{session.owner}</span>, {expiry}
        </p>
      }
      confirmLabel="Revoke"
      danger
      onConfirm={() => revokeSessionAction({ userId: session.userId, fingerprint: session.fingerprint })}
    />
  );
}
