"use client";

import { Loader2, Search, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { MIN_REASON } from "@/lib/actions/reason";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import { mergeCandidatesAction, mergeUsersAction, previewMergeAction, resolveMergeUserAction } from "@/lib/features/merge/action";
import type { MergePreview, MergeSide } from "@/lib/features/merge/schema";
import { cn } from "@/lib/format/cn";
import { plural } from "@/lib/format/plural";
import type { MergeStart } from "./merge-start";
import { ReasonField } from "./reason-field";
import { SignInAgainLink, SignInAgainNotice } from "./sign-in-again-notice";
import { useStepUp } from "./step-up";

const SHOWN = 5;
const UNDO_DAYS = 7;

type Problem = { message: string; refused: boolean; stepUp: boolean };

const who = (side: Pick<MergeSide, "email" | "id">) => side.email ?? side.id;
const unreachable: Problem = { message: UNREACHABLE, refused: false, stepUp: false };

function problemOf(result: { ok: false; error: string; refused?: boolean; stepUp?: boolean }): Problem {
  return { message: result.error, refused: result.refused === true, stepUp: result.stepUp === true };
}

function Fingerprints({ list }: { list: string[] }) {
  const more = list.length - SHOWN;
  return (
    <span className="font-mono text-xs">
      {list
        .slice(0, SHOWN)
        .map((fp) => `…${fp}`)
        .join(", ")}
      {more > 0 ? `, … (+${more} more)` : ""}
    </span>
  );
}

/** One user as a choice: who, and what hangs off them. */
function SideSummary({ side }: { side: MergeSide }) {
  return (
    <span className="min-w-0 space-y-0.5">
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium break-all">{who(side)}</span>
        {side.name ? <span className="text-fg-muted">{side.name}</span> : null}
        {side.block?.active ? <Badge tone="danger">blocked</Badge> : null}
      </span>
      <span className="block font-mono text-xs break-all text-fg-muted">{side.id}</span>
      <span className="block text-xs text-fg-muted" data-testid="merge-candidate-counts">
        {plural(side.accounts.length, "account")}
        {side.accounts.length ? ` (${side.accounts.map((a) => a.provider).join(", ")})` : ""}, {plural(side.sessions.length, "session")}
      </span>
    </span>
  );
}

function Choices({
  legend,
  name,
  users,
  value,
  onChange,
  disabled,
}: {
  legend: string;
  name: string;
  users: MergeSide[];
  value: string | null;
  onChange: (id: string) => void;
  disabled?: (id: string) => boolean;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      {users.map((side) => (
        <label
          key={side.id}
          className={cn(
            "flex cursor-pointer items-start gap-3 rounded-md border border-border px-3 py-2.5 text-sm transition-colors hover:bg-muted/60 has-checked:border-accent has-checked:bg-accent/5",
            disabled?.(side.id) && "cursor-not-allowed opacity-50",
          )}
        >
          <input
            type="radio"
            name={name}
            value={side.id}
            checked={value === side.id}
            onChange={() => onChange(side.id)}
            disabled={disabled?.(side.id)}
            className="mt-1 accent-accent"
          />
          <SideSummary side={side} />
        </label>
      ))}
    </fieldset>
  );
}

function ProblemBox({ problem }: { problem: Problem }) {
  return (
    <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
      <p className="font-medium text-danger">{problem.refused ? "Refused: nothing was changed." : "It did not go through."}</p>
      <p className="mt-0.5">{problem.message}</p>
    </div>
  );
}

function PreviewView({ preview }: { preview: MergePreview }) {
  const { keep, other } = preview;
  return (
    <>
      <div className="rounded-md border border-border bg-muted/60 px-3.5 py-3 text-sm" data-testid="merge-preview">
        <p className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">What will change</p>
        <p className="mb-2">
          Keeps <span className="font-medium">{who(keep)}</span> <span className="font-mono text-xs text-fg-muted">({keep.id})</span>; moves to them from{" "}
          <span className="font-medium">{who(other)}</span> <span className="font-mono text-xs text-fg-muted">({other.id})</span>:
        </p>
        <ul className="list-disc space-y-1 pl-5 break-words">
          <li>
            {plural(other.accounts.length, "linked account")}
            {other.accounts.length ? (
              <>
                : <span className="font-mono text-xs">{other.accounts.map((a) => `${a.provider}:${a.providerAccountId}`).join(", ")}</span>
              </>
            ) : null}
          </li>
          <li>
            {plural(preview.movedSessions.length, "session")}
            {preview.movedSessions.length ? (
              <>
                : <Fingerprints list={preview.movedSessions} />
              </>
            ) : null}
          </li>
          {preview.droppedSessions.length ? (
            <li>
              {plural(preview.droppedSessions.length, "session")} deleted instead (already revoked for {who(other)}):{" "}
              <Fingerprints list={preview.droppedSessions} />
            </li>
          ) : null}
          <li>
            Then deletes the user item of <span className="font-medium">{who(other)}</span>: their page is gone. It can be restored from the audit log for{" "}
            {UNDO_DAYS} days; the accounts and sessions stay with {who(keep)}.
          </li>
          <li data-testid="merge-jwt-note">
            Database sessions move: those browsers stay signed in, as {who(keep)}. JWT sessions of {who(other)} cannot move: where the product runs
            gatehouse-guard they end on its next request, and signing in again (by a moved account) lands on {who(keep)}; without the guard such a JWT stays
            valid, as {who(other)}, until it expires.
          </li>
        </ul>
      </div>
      {preview.warnings.length ? (
        <div className="flex gap-2.5 rounded-md border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm" data-testid="merge-warnings">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          <ul className="min-w-0 space-y-1">
            {preview.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/**
 * The dialog behind **Merge into…**: pick the user to keep (from the finding's users, or the
 * other user named on a user page), see the preview read fresh from DynamoDB, then confirm with
 * a reason. Loaded on demand.
 */
export default function MergeUsersDialog({ start, open, onOpenChange: setOpen, returnFocusTo }: { start: MergeStart } & DeferredDialogProps) {
  const ids = useId();
  const router = useRouter();
  const stepUpState = useStepUp();
  const [users, setUsers] = useState<MergeSide[] | null>(null);
  const [loading, setLoading] = useState(start.kind === "finding");
  const [query, setQuery] = useState("");
  const [keepId, setKeepId] = useState<string | null>(null);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const findingUsers = start.kind === "finding" ? start.userIds.join("\n") : null;
  useEffect(() => {
    if (findingUsers === null) return;
    let live = true;
    mergeCandidatesAction({ userIds: findingUsers.split("\n") })
      .then((result) => {
        if (!live) return;
        if (result.ok) setUsers(result.users);
        else setProblem(problemOf(result));
      })
      .catch(() => live && setProblem(unreachable))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [findingUsers]);

  // With two users, the one not kept is the one merged.
  const others = users?.filter((u) => u.id !== keepId) ?? [];
  const mergedId = others.length === 1 ? (others[0]?.id ?? otherId) : otherId;
  const reasonText = reason.trim();
  const needsSignIn = stepUpState.stale || problem?.stepUp === true;

  async function find(event: React.FormEvent) {
    event.preventDefault();
    if (start.kind !== "user" || !query.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await resolveMergeUserAction({ userId: start.user.id, other: query });
      if (!result.ok) return setProblem(problemOf(result));
      const here = await mergeCandidatesAction({ userIds: [start.user.id, result.user.id] });
      if (!here.ok) return setProblem(problemOf(here));
      setUsers(here.users);
      // "Merge into…" from a user page: by default this user goes into the one named.
      setKeepId(result.user.id);
    } catch {
      setProblem(unreachable);
    } finally {
      setBusy(false);
    }
  }

  async function showPreview() {
    if (!keepId || !mergedId) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await previewMergeAction({ keepUserId: keepId, otherUserId: mergedId });
      if (result.ok) setPreview(result.preview);
      else setProblem(problemOf(result));
    } catch {
      setProblem(unreachable);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    if (!preview || reasonText.length < MIN_REASON) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await mergeUsersAction({ keepUserId: preview.keep.id, otherUserId: preview.other.id, reason: reasonText });
      if (!result.ok) return setProblem(problemOf(result));
      setOpen(false);
      if (result.auditIncomplete) toast.warning(result.message, { duration: Infinity });
      else toast.success(result.message);
      if (start.kind === "user" && start.user.id === preview.other.id) router.push(`/users/${encodeURIComponent(preview.keep.id)}`);
      else router.refresh();
    } catch {
      setProblem(unreachable);
    } finally {
      setBusy(false);
    }
  }

  const queryId = `${ids}-query`;
  const title = preview
    ? `Merge ${who(preview.other)} into ${who(preview.keep)}?`
    : start.kind === "finding"
      ? `Merge the users sharing ${start.label}`
      : `Merge ${start.user.email ?? start.user.id} with another user`;

  return (
    <Dialog open={open} onOpenChange={(next) => !busy && setOpen(next)}>
      <DialogContent
        title={title}
        description="The accounts and database sessions of one user move onto the user you keep; then the other user item is deleted, which ends its JWT sessions where the product runs gatehouse-guard."
        wide
        aria-busy={busy || loading}
        returnFocusTo={returnFocusTo}
        onEscapeKeyDown={(event) => busy && event.preventDefault()}
        onInteractOutside={(event) => busy && event.preventDefault()}
      >
        {preview ? (
          <form onSubmit={confirm} noValidate className="space-y-4">
            <PreviewView preview={preview} />
            {needsSignIn ? (
              <SignInAgainNotice what="Merging users" minutes={stepUpState.window?.minutes} />
            ) : (
              <ReasonField value={reason} onChange={setReason} required disabled={busy} example="Why, e.g. ticket SUP-1234: signed up twice" />
            )}
            {problem && !problem.stepUp ? <ProblemBox problem={problem} /> : null}
            <DialogFooter>
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() => {
                  setPreview(null);
                  setProblem(null);
                }}
              >
                Back
              </Button>
              {needsSignIn ? (
                <SignInAgainLink />
              ) : (
                <Button type="submit" variant="danger" disabled={busy || reasonText.length < MIN_REASON} aria-busy={busy}>
                  {busy ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
                  Merge users
                </Button>
              )}
            </DialogFooter>
          </form>
        ) : (
          <div className="space-y-4">
            {start.kind === "user" ? (
              <form onSubmit={find} className="space-y-1">
                <label htmlFor={queryId} className="block text-sm font-medium">
                  The other user&apos;s id or email
                </label>
                <div className="flex gap-2">
                  <Input
                    id={queryId}
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                    autoComplete="off"
                    spellCheck={false}
                    disabled={busy}
                    aria-describedby={`${queryId}-hint`}
                  />
                  <Button type="submit" size="md" variant="secondary" disabled={busy || !query.trim()}>
                    <Search className="size-4" aria-hidden />
                    Find
                  </Button>
                </div>
                <p id={`${queryId}-hint`} className="text-xs text-fg-muted">
                  An email is looked up in the index (GSI1), an id read directly.
                </p>
              </form>
            ) : null}
            {loading ? (
              <div role="status" className="flex items-center gap-2 text-sm text-fg-muted">
                <Loader2 className="size-4 animate-spin" aria-hidden />
                Reading the users…
              </div>
            ) : null}
            {users && users.length < 2 && start.kind === "finding" ? (
              <p className="text-sm text-fg-muted">Fewer than two of these users exist now: nothing to merge. Run the doctor again.</p>
            ) : null}
            {users && users.length >= 2 ? (
              <>
                <Choices legend="User to keep" name={`${ids}-keep`} users={users} value={keepId} onChange={setKeepId} />
                {users.length > 2 && keepId ? (
                  <Choices legend="User to merge into it" name={`${ids}-other`} users={others} value={otherId} onChange={setOtherId} />
                ) : null}
              </>
            ) : null}
            {problem && !problem.stepUp ? <ProblemBox problem={problem} /> : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="secondary" disabled={busy}>
                  Cancel
                </Button>
              </DialogClose>
              <Button variant="primary" disabled={busy || !keepId || !mergedId} onClick={showPreview} aria-busy={busy}>
                {busy ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
                Preview merge
              </Button>
            </DialogFooter>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
