"use client";

import type { DeferredDialogProps } from "@/components/ui/deferred";
import { RelativeTime } from "@/components/ui/relative-time";
import { revokeSessionAction } from "@/lib/features/revoke/action";
import { sessionExpiryVerb } from "@/lib/features/revoke/preview";
import ConfirmActionDialogBody from "./confirm-action-dialog-body";
import type { RevokeSessionTarget } from "./revoke-session-target";

/**
 * Revoke one session, confirmed. No reason asked: it is the smallest action. The preview is
 * revokeSessionSummary's text (lib/features/revoke/preview.ts), with the relative time live.
 */
export default function RevokeSessionDialog({ session, now, ...state }: { session: RevokeSessionTarget; now: number } & DeferredDialogProps) {
  const verb = sessionExpiryVerb(session.expires, now);
  const expiry =
    session.expires === null ? (
      verb
    ) : (
      <>
        {verb} <RelativeTime epochMs={session.expires} serverNow={now} />
      </>
    );
  return (
    <ConfirmActionDialogBody
      {...state}
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
