"use client";

import { type ComponentType, useState } from "react";
import { Button } from "@/components/ui/button";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { BlockDuration } from "@/lib/features/block/durations";
import type {
  BlockUserButtonProps,
  DeleteUserButtonProps,
  RevokeAllSessionsButtonProps,
  UnblockUserButtonProps,
  UnlinkAccountButtonProps,
} from "./user-action-props";

// The buttons render with the page; their dialogs (user-action-dialogs.tsx, one chunk) load on hover, focus or click.
type Dialogs = typeof import("./user-action-dialogs");
const dialog = <P extends object>(pick: (dialogs: Dialogs) => ComponentType<P>) =>
  deferred<P>(() => import("./user-action-dialogs").then((dialogs) => ({ default: pick(dialogs) })));
const RevokeAllSessionsBody = dialog((d) => d.RevokeAllSessionsDialog);
const UnlinkAccountBody = dialog((d) => d.UnlinkAccountDialog);
const DeleteUserBody = dialog((d) => d.DeleteUserDialog);
const BlockUserBody = dialog((d) => d.BlockUserDialog);
const UnblockUserBody = dialog((d) => d.UnblockUserDialog);

export function RevokeAllSessionsButton(props: RevokeAllSessionsButtonProps) {
  const { opening, trigger, state } = useDeferredDialog(RevokeAllSessionsBody.preload);
  return (
    <>
      <Button variant="secondary" size="sm" disabled={props.fingerprints.length === 0 && !props.guardActive} {...trigger}>
        Revoke all sessions
      </Button>
      <DeferredDialog dialog={RevokeAllSessionsBody} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}

export function UnlinkAccountButton(props: UnlinkAccountButtonProps) {
  // The page can be stale: if the server says this became the last way in, ask for the email from then on.
  const [serverSaysLast, setServerSaysLast] = useState(false);
  const { opening, trigger, state } = useDeferredDialog(UnlinkAccountBody.preload);
  return (
    <>
      <Button variant="secondary" size="sm" {...trigger}>
        <span className="icon icon-unlink size-3.5" aria-hidden />
        Unlink
      </Button>
      <DeferredDialog dialog={UnlinkAccountBody} opening={opening} props={{ ...props, serverSaysLast, onServerSaysLast: setServerSaysLast, ...state }} />
    </>
  );
}

export function DeleteUserButton(props: DeleteUserButtonProps) {
  const { opening, trigger, state } = useDeferredDialog(DeleteUserBody.preload);
  return (
    <>
      <Button variant="danger" size="md" {...trigger}>
        <span className="icon icon-trash" aria-hidden />
        Delete user
      </Button>
      <DeferredDialog dialog={DeleteUserBody} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}

export function BlockUserButton(props: BlockUserButtonProps) {
  const [duration, setDuration] = useState<BlockDuration>("24h");
  const { opening, trigger, state } = useDeferredDialog(BlockUserBody.preload);
  return (
    <>
      <Button variant="secondary" size="md" {...trigger}>
        <span className="icon icon-ban" aria-hidden />
        Block user
      </Button>
      <DeferredDialog dialog={BlockUserBody} opening={opening} props={{ ...props, duration, onDurationChange: setDuration, ...state }} />
    </>
  );
}

export function UnblockUserButton(props: UnblockUserButtonProps) {
  const { opening, trigger, state } = useDeferredDialog(UnblockUserBody.preload);
  return (
    <>
      <Button variant="secondary" size="sm" {...trigger}>
        <span className="icon icon-shield-check size-3.5" aria-hidden />
        Unblock
      </Button>
      <DeferredDialog dialog={UnblockUserBody} opening={opening} props={{ ...props, ...state }} />
    </>
  );
}
