"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { revokeSessionAction } from "@/lib/features/revoke/action";
import { type RevokeSessionFacts, sessionExpiryVerb } from "@/lib/features/revoke/preview";

export interface RevokeSessionTarget extends RevokeSessionFacts {
  userId: string;
}

/**
 * Revokes one session; its browser is signed out on its next request. No reason asked: it is the smallest action.
 * The preview is revokeSessionSummary's text (lib/features/revoke/preview.ts), with the relative time live.
 */
export function RevokeSessionButton({ session, now }: { session: RevokeSessionTarget; now: number }) {
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
