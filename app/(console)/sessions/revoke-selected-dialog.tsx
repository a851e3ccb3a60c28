"use client";

import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { revokeSelectedAction } from "@/lib/features/revoke/action";

export interface SelectedSession {
  key: string;
  userId: string;
  fingerprint: string;
  owner: string;
}

/** Revoke the ticked sessions, confirmed with a reason; the server skips (and counts) any already gone. */
export default function RevokeSelectedDialog({ selected, onRevoked, ...state }: { selected: SelectedSession[]; onRevoked: () => void } & DeferredDialogProps) {
  const count = selected.length;
  return (
    <ConfirmActionDialogBody
      {...state}
      title={`Revoke ${count} selected session${count === 1 ? "" : "s"}?`}
      description="Each browser holding one of these sessions is signed out on its next request. The users can sign in again."
      preview={
        <ul className="max-h-52 space-y-0.5 overflow-y-auto pr-1">
          {selected.map((session) => (
            <li key={session.key} className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-mono text-xs">…{session.fingerprint}</span>
              <span className="min-w-0 truncate text-fg-muted">{session.owner}</span>
            </li>
          ))}
        </ul>
      }
      requireReason
      confirmLabel="Revoke selected"
      danger
      onConfirm={async (reason) => {
        const result = await revokeSelectedAction({ sessions: selected.map(({ userId, fingerprint }) => ({ userId, fingerprint })), reason });
        if (result.ok) onRevoked();
        return result;
      }}
    />
  );
}
