"use client";

import { Loader2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { MIN_REASON } from "@/lib/actions/reason";
import type { ActionResult } from "@/lib/actions/result";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import type { ConfirmActionDialogProps } from "./confirm-action-dialog-props";
import { ReasonField } from "./reason-field";
import { SignInAgainLink, SignInAgainNotice } from "./sign-in-again-notice";
import { useStepUp } from "./step-up";

type ConfirmActionDialogBodyProps = Omit<ConfirmActionDialogProps, "triggerLabel" | "triggerVariant" | "triggerSize" | "triggerIcon" | "triggerDisabled"> &
  DeferredDialogProps;

async function attempt(run: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await run();
  } catch (error) {
    // A server action that cannot be reached throws instead of returning; it changed nothing we know of.
    console.warn("[confirm-action]", error);
    return { ok: false, error: UNREACHABLE };
  }
}

/** Toasts a finished action; a partial one offers Retry with the same inputs, which can outlive the dialog. */
function announce(result: ActionResult, retry: () => Promise<ActionResult>) {
  if (!result.ok) {
    toast.error(result.error);
  } else if (result.auditIncomplete) {
    toast.warning(result.message, { duration: Infinity });
  } else if (result.partial) {
    toast.warning(result.message, {
      duration: Infinity,
      action: { label: "Retry", onClick: () => void attempt(retry).then((next) => announce(next, retry)) },
    });
  } else {
    toast.success(result.message);
  }
}

/**
 * The dialog behind ConfirmActionDialog: a preview of exactly what changes, an audit reason,
 * optionally a typed confirmation, then the action. Failures stay in the dialog; successes
 * close it and toast. Loaded on demand, with Radix Dialog and sonner.
 */
export default function ConfirmActionDialogBody({
  title,
  description,
  preview,
  warning,
  fields,
  requireReason = false,
  offerReason = false,
  requireTypedConfirmation,
  confirmLabel,
  danger = false,
  runningContent,
  confirmDisabled = false,
  stepUp = false,
  onConfirm,
  open,
  onOpenChange: setOpen,
  returnFocusTo,
}: ConfirmActionDialogBodyProps) {
  const ids = useId();
  const [running, setRunning] = useState(false);
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const [error, setError] = useState<{ message: string; refused: boolean; stepUp: boolean } | null>(null);
  const stepUpState = useStepUp();
  // Said before the click; the data layer decides again (the clock here may differ from the server's).
  const needsSignIn = (stepUp && stepUpState.stale) || error?.stepUp === true;

  const showReason = requireReason || offerReason;
  const reasonText = reason.trim();
  const reasonValid = !requireReason || reasonText.length >= MIN_REASON;
  const reasonTooShort = showReason && reasonText.length > 0 && reasonText.length < MIN_REASON;
  const typedValid = !requireTypedConfirmation || typed.trim().toLowerCase() === requireTypedConfirmation.value.trim().toLowerCase();
  const canConfirm = reasonValid && !reasonTooShort && typedValid && !confirmDisabled && !running;

  function onOpenChange(next: boolean) {
    if (!running) setOpen(next);
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    if (!canConfirm) return;
    const inputs = [showReason && reasonText ? reasonText : undefined, requireTypedConfirmation ? typed.trim() : undefined] as const;
    const run = () => onConfirm(...inputs);
    setRunning(true);
    setError(null);
    const result = await attempt(run);
    setRunning(false);
    if (result.ok) {
      setOpen(false);
      announce(result, run);
    } else {
      setError({ message: result.error, refused: result.refused === true, stepUp: result.stepUp === true });
    }
  }

  const typedId = `${ids}-typed`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={title}
        description={description}
        aria-busy={running}
        returnFocusTo={returnFocusTo}
        onEscapeKeyDown={(event) => running && event.preventDefault()}
        onInteractOutside={(event) => running && event.preventDefault()}
      >
        <form onSubmit={confirm} noValidate className="space-y-4">
          <div className="rounded-md border border-border bg-muted/60 px-3.5 py-3 text-sm">
            <p className="mb-1.5 text-xs font-medium tracking-wide text-fg-muted uppercase">What will change</p>
            <div className="space-y-1 break-words">{preview}</div>
          </div>

          {warning ? (
            <div className="flex gap-2.5 rounded-md border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm">
              <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
              <div className="min-w-0 space-y-1">{warning}</div>
            </div>
          ) : null}

          {needsSignIn ? (
            <SignInAgainNotice what={confirmLabel} minutes={stepUpState.window?.minutes} after="Sign in again and you come back to this page." />
          ) : running && runningContent ? (
            runningContent
          ) : (
            <>
              {fields}
              {showReason ? (
                <ReasonField
                  value={reason}
                  onChange={setReason}
                  onBlur={() => setReasonTouched(true)}
                  required={requireReason}
                  disabled={running}
                  invalid={(reasonTouched && !reasonValid) || reasonTooShort}
                  example="Why, e.g. ticket SUP-1234: reported stolen laptop"
                />
              ) : null}

              {requireTypedConfirmation ? (
                <div>
                  <label htmlFor={typedId} className="mb-1 block text-sm font-medium">
                    {requireTypedConfirmation.label}
                  </label>
                  <Input
                    id={typedId}
                    value={typed}
                    onChange={(event) => setTyped(event.target.value)}
                    autoComplete="off"
                    spellCheck={false}
                    disabled={running}
                    aria-describedby={`${typedId}-hint`}
                    className="font-mono"
                  />
                  <p id={`${typedId}-hint`} className="mt-1 text-xs text-fg-muted">
                    Type <span className="font-mono text-fg">{requireTypedConfirmation.value}</span> to enable {confirmLabel}.
                  </p>
                </div>
              ) : null}
            </>
          )}

          {error && !error.stepUp ? (
            <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
              <p className="font-medium text-danger">{error.refused ? "Refused: nothing was changed." : "It did not go through."}</p>
              <p className="mt-0.5">{error.message}</p>
            </div>
          ) : null}

          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={running}>
                Cancel
              </Button>
            </DialogClose>
            {needsSignIn ? (
              <SignInAgainLink />
            ) : (
              <Button type="submit" variant={danger ? "danger" : "primary"} disabled={!canConfirm} aria-busy={running}>
                {running ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
                {confirmLabel}
              </Button>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
