"use client";

import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { revokeSelectedAction } from "@/lib/features/revoke/action";
import { type SessionCells, sessionKey, sessionOwner } from "./session-rows";

export interface RevokeSelectedProps {
  /** The page's rows, and the keys of those ticked: worked out here, so the button's first-load code stays small. */
  sessions: SessionCells[];
  keys: ReadonlySet<string>;
  onRevoked: () => void;
}

/** Revoke the ticked sessions, confirmed with a reason; the server skips (and counts) any already gone. */
export default function RevokeSelectedDialog({ sessions, keys, onRevoked, ...state }: RevokeSelectedProps & DeferredDialogProps) {
  const selected = sessions
    .filter((row) => keys.has(sessionKey(row)))
    .map((row) => ({ key: sessionKey(row), userId: row.u, fingerprint: row.f, owner: sessionOwner(row) }));
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
