"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { revokeOwnSessionAction } from "@/lib/features/own-sessions/action";
import type { OwnSession } from "@/lib/features/own-sessions/schema";

/** Signs out one of the operator's other browsers. One click and a confirmation: it is what an incident needs. */
export function RevokeOwnSessionButton({ session, now }: { session: OwnSession; now: number }) {
  return (
    <ConfirmActionDialog
      triggerLabel="Revoke"
      title="Sign out this session?"
      description="That browser is signed out of the console on its next request."
      preview={
        <p>
          Session <span className="font-mono">…{session.fingerprint}</span>: {session.browser} at <span className="font-mono">{session.ip}</span>, last used{" "}
          <RelativeTime epochMs={session.lastUsedAt} serverNow={now} />
        </p>
      }
      confirmLabel="Revoke"
      danger
      onConfirm={() => revokeOwnSessionAction({ fingerprint: session.fingerprint })}
    />
  );
}
