"use client";

import { useId, useState } from "react";
import { BlockDurationField } from "@/components/actions/block-duration-field";
import { ReasonField } from "@/components/actions/reason-field";
import { SignInAgainLink, SignInAgainNotice } from "@/components/actions/sign-in-again-notice";
import { useStepUp } from "@/components/actions/step-up";
import { Button } from "@/components/ui/button";
import { MIN_REASON } from "@/lib/actions/reason";
import type { BlockDuration } from "@/lib/features/block/durations";
import { type ListAction, listActionLabels, listActions } from "@/lib/features/list-jobs/entries";
import type { ListJobPreview } from "@/lib/features/list-jobs/preview";

const hints: Record<ListAction, string> = {
  "revoke-all": "Signs each user out everywhere; they can sign in again.",
  block: "Signs each user out and refuses their sign-ins (with gatehouse-guard) for a while or for good.",
  delete: "Deletes each user with their accounts, sessions and tokens; undo from the audit log for 7 days. Needs a recent sign-in.",
};

export interface ActionChoice {
  action: ListAction | null;
  duration: BlockDuration;
  reason: string;
}

export type ActionFailure = { message: string; refused: boolean; stepUp: boolean };

/**
 * The action, its duration (Block), the audit reason and the confirm named by the preview's
 * confirmLabel. Delete needs a recent sign-in: said before the click when the window has
 * closed, and again when the data layer refuses.
 */
export function ActionForm({
  preview,
  choice,
  onChoiceChange: setChoice,
  scope,
  submitting,
  failure,
  onSubmit,
  onSignInAgain,
}: {
  preview: ListJobPreview | null;
  choice: ActionChoice;
  onChoiceChange: (choice: ActionChoice) => void;
  /** What the job will take when the list is only partly resolved. */
  scope: string | null;
  submitting: boolean;
  failure: ActionFailure | null;
  onSubmit: () => void;
  onSignInAgain: () => void;
}) {
  const ids = useId();
  const stepUpState = useStepUp();
  const [reasonTouched, setReasonTouched] = useState(false);
  const reasonText = choice.reason.trim();
  const reasonValid = reasonText.length >= MIN_REASON;
  const needsSignIn = choice.action === "delete" && (stepUpState.stale || failure?.stepUp === true);
  const nothingFound = preview !== null && preview.found === 0;
  const canConfirm = choice.action !== null && reasonValid && preview !== null && !nothingFound && !submitting && !needsSignIn;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setReasonTouched(true);
    if (canConfirm) onSubmit();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-busy={submitting}>
      <fieldset className="space-y-2" disabled={submitting}>
        <legend className="mb-1 text-sm font-medium">Action</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {listActions.map((action) => (
            <label
              key={action}
              className="flex cursor-pointer items-start gap-2.5 rounded-md border border-border px-3 py-2.5 text-sm transition-colors hover:bg-muted/60 has-checked:border-accent has-checked:bg-accent/5"
            >
              <input
                type="radio"
                name={`${ids}-action`}
                value={action}
                checked={choice.action === action}
                onChange={() => setChoice({ ...choice, action })}
                className="mt-1 accent-accent"
                aria-describedby={`${ids}-${action}-hint`}
              />
              <span className="min-w-0">
                <span className="block font-medium">{listActionLabels[action]}</span>
                <span id={`${ids}-${action}-hint`} className="block text-xs text-fg-muted">
                  {hints[action]}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {choice.action === "block" ? (
        <BlockDurationField className="max-w-xs" value={choice.duration} disabled={submitting} onChange={(duration) => setChoice({ ...choice, duration })} />
      ) : null}

      {choice.action && preview ? (
        <div className="rounded-md border border-border bg-muted/60 px-3.5 py-3 text-sm" data-testid="job-preview">
          <p className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">What will change</p>
          <p className="font-medium">{preview.title}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {preview.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="mt-1.5 text-fg-muted">{preview.description}</p>
          {scope ? <p className="mt-1.5 font-medium">{scope}</p> : null}
        </div>
      ) : null}

      {choice.action === "delete" && !needsSignIn ? (
        <div className="flex gap-2.5 rounded-md border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm">
          <span className="icon icon-triangle-exclamation-point mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          <p>
            Each user is gone from the product at once: they cannot sign in, and their data is only restored by Undo in the audit log, one user at a time,
            within 7 days.
          </p>
        </div>
      ) : null}

      {needsSignIn ? (
        <SignInAgainNotice
          what={preview?.confirmLabel ?? listActionLabels.delete}
          minutes={stepUpState.window?.minutes}
          after="Sign in again and you come back to this page, with your list."
        />
      ) : null}

      <ReasonField
        value={choice.reason}
        onChange={(reason) => setChoice({ ...choice, reason })}
        onBlur={() => setReasonTouched(true)}
        required
        disabled={submitting}
        invalid={reasonTouched && !reasonValid}
        example="Why, e.g. ticket SUP-1234: accounts in a credential-stuffing report"
        note="Each user's audit entry and the job's own carry it."
        className="max-w-2xl"
      />

      {failure && !failure.stepUp ? (
        <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
          <p className="font-medium text-danger">{failure.refused ? "Refused: nothing was changed." : "It did not go through."}</p>
          <p className="mt-0.5 break-words">{failure.message}</p>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        {needsSignIn ? (
          <span onClickCapture={onSignInAgain}>
            <SignInAgainLink />
          </span>
        ) : (
          <Button type="submit" variant="danger" disabled={!canConfirm} aria-busy={submitting}>
            {submitting ? <span className="icon icon-loader-circle size-4 animate-spin" aria-hidden /> : null}
            {choice.action && preview ? preview.confirmLabel : "Choose an action"}
          </Button>
        )}
        {submitting ? (
          <p className="text-sm text-fg-muted" role="status">
            Creating the job…
          </p>
        ) : null}
      </div>
    </form>
  );
}
