"use client";

import { useRouter } from "next/navigation";
import { BlockDurationField } from "@/components/actions/block-duration-field";
import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import { GuardStatusLine } from "@/components/guard-status-line";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { blockUserAction, unblockUserAction } from "@/lib/features/block/action";
import type { BlockDuration } from "@/lib/features/block/durations";
import { blockPreview, unblockPreview } from "@/lib/features/block/preview";
import { deleteUserAction } from "@/lib/features/delete-user/action";
import { deleteUserPreview } from "@/lib/features/delete-user/preview";
import { revokeAllSessionsAction } from "@/lib/features/revoke/action";
import { revokeAllPreview } from "@/lib/features/revoke/preview";
import { unlinkAccountAction } from "@/lib/features/unlink/action";
import { lastWayInWarning, UNDO_DAYS, unlinkPreview } from "@/lib/features/unlink/preview";
import type {
  ActionUser,
  BlockUserButtonProps,
  DeleteUserButtonProps,
  RevokeAllSessionsButtonProps,
  UnblockUserButtonProps,
  UnlinkAccountButtonProps,
} from "./user-action-props";

// The dialogs behind the buttons of user-actions.tsx, loaded on demand (one chunk for all of them).

const who = (user: ActionUser) => user.email ?? user.id;

/** A preview line from lib/previews/, with the user it names in medium weight, as the dialogs show names. */
function naming(line: string, owner: string) {
  const at = line.indexOf(owner);
  if (at < 0) return line;
  return (
    <>
      {line.slice(0, at)}
      <span className="font-medium">{owner}</span>
      {line.slice(at + owner.length)}
    </>
  );
}

/** A preview's lines as a list, each naming the user in medium weight. */
function PreviewList({ lines, owner }: { lines: string[]; owner: string }) {
  return (
    <ul className="list-disc space-y-0.5 pl-5">
      {lines.map((line) => (
        <li key={line}>{naming(line, owner)}</li>
      ))}
    </ul>
  );
}

export function RevokeAllSessionsDialog({ user, fingerprints, guardActive = false, ...dialog }: RevokeAllSessionsButtonProps & DeferredDialogProps) {
  // The same text the API's dryRun returns (lib/features/revoke/preview.ts).
  const text = revokeAllPreview({ owner: who(user), fingerprints, guardActive });
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title="Revoke all sessions?"
      description="Signs the user out everywhere: every browser holding one of these sessions is signed out on its next request."
      preview={
        <p>
          <span className="font-medium">{text.count}</span> of <span className="font-medium">{who(user)}</span>:{" "}
          <span className="font-mono text-xs">{text.list}</span>
          {text.note ? <span className="mt-1 block">{text.note}</span> : null}
        </p>
      }
      requireReason
      confirmLabel="Revoke all sessions"
      danger
      onConfirm={(reason) => revokeAllSessionsAction({ userId: user.id, reason })}
    />
  );
}

export function UnlinkAccountDialog({
  user,
  provider,
  providerAccountId,
  lastWayIn,
  serverSaysLast,
  onServerSaysLast: setServerSaysLast,
  ...dialog
}: UnlinkAccountButtonProps & { serverSaysLast: boolean; onServerSaysLast: (last: boolean) => void } & DeferredDialogProps) {
  const last = lastWayIn || serverSaysLast;
  const typed = last && user.email ? { value: user.email, label: "Type the user's email to confirm" } : undefined;
  // The same text the API's dryRun returns (lib/features/unlink/preview.ts).
  const text = unlinkPreview({ provider, providerAccountId, owner: who(user), hasEmail: Boolean(user.email), lastWayIn: last });
  const warning = lastWayInWarning(who(user), Boolean(user.email));
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={text.title}
      description={text.description}
      preview={
        <>
          <p>
            <span className="font-medium">{provider}</span> account <span className="font-mono text-xs">{providerAccountId}</span>
          </p>
          <p className="text-fg-muted">
            of <span className="font-medium text-fg">{who(user)}</span>. It can be restored from the audit log for {UNDO_DAYS} days.
          </p>
        </>
      }
      warning={
        last ? (
          <>
            <p className="font-semibold">{warning.headline}</p>
            <p className="text-fg-muted">{warning.detail}</p>
          </>
        ) : undefined
      }
      offerReason
      requireTypedConfirmation={typed}
      confirmLabel="Unlink"
      danger={last}
      onConfirm={async (reason, confirmEmail) => {
        const result = await unlinkAccountAction({ userId: user.id, provider, providerAccountId, reason, confirmEmail });
        if (!result.ok && result.refused && /last way to sign in/i.test(result.error)) setServerSaysLast(true);
        return result;
      }}
    />
  );
}

export function DeleteUserDialog({ user, providers, sessions, tokens, otherItems, ...dialog }: DeleteUserButtonProps & DeferredDialogProps) {
  const router = useRouter();
  // The same text the API's dryRun returns (lib/features/delete-user/preview.ts).
  const text = deleteUserPreview({ owner: who(user), name: user.name, hasEmail: Boolean(user.email), providers, sessions, tokens, otherItems });
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={text.title}
      description={text.description}
      preview={<PreviewList lines={text.lines} owner={who(user)} />}
      warning={<p>{text.warning}</p>}
      requireReason
      confirmLabel="Delete user"
      stepUp
      danger
      onConfirm={async (reason) => {
        const result = await deleteUserAction({ userId: user.id, reason });
        if (result.ok) router.push("/users");
        return result;
      }}
    />
  );
}

export function BlockUserDialog({
  user,
  block,
  sessions,
  guard,
  duration,
  onDurationChange: setDuration,
  ...dialog
}: BlockUserButtonProps & { duration: BlockDuration; onDurationChange: (duration: BlockDuration) => void } & DeferredDialogProps) {
  // The same text the API's dryRun returns (lib/features/block/preview.ts).
  const text = blockPreview({ owner: who(user), duration, current: block, sessions });
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={text.title}
      description={text.description}
      preview={<PreviewList lines={text.lines} owner={who(user)} />}
      warning={guard.active ? undefined : <GuardStatusLine status={guard} icon={false} />}
      fields={
        <>
          {guard.active ? <GuardStatusLine status={guard} /> : null}
          <BlockDurationField value={duration} onChange={setDuration} />
        </>
      }
      requireReason
      confirmLabel={text.confirmLabel}
      danger
      onConfirm={(reason) => blockUserAction({ userId: user.id, reason, duration })}
    />
  );
}

export function UnblockUserDialog({ user, block, ...dialog }: UnblockUserButtonProps & DeferredDialogProps) {
  const text = unblockPreview({ owner: who(user), block });
  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={text.title}
      description={text.description}
      preview={<p>{naming(text.summary, who(user))}</p>}
      offerReason
      stepUp
      confirmLabel="Unblock"
      onConfirm={(reason) => unblockUserAction({ userId: user.id, reason })}
    />
  );
}
