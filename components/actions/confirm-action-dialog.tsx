"use client";

import { Loader2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { fieldClasses, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions/action-result";
import { cn } from "@/lib/cn";

const MIN_REASON = 3;

export interface ConfirmActionDialogProps {
  /** The trigger's accessible name: a contract with operators and e2e tests, so keep it exact. */
  triggerLabel: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  triggerIcon?: React.ReactNode;
  triggerDisabled?: boolean;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** What exactly will change, shown before anything does. */
  preview: React.ReactNode;
  /** A prominent warning under the preview (last way to sign in, what cannot be undone). */
  warning?: React.ReactNode;
  /** A reason of at least 3 characters must be given; it goes into the audit log. */
  requireReason?: boolean;
  /** Offers the reason field without requiring it. */
  offerReason?: boolean;
  /** The operator must type exactly this value (case-insensitive) before confirm enables. */
  requireTypedConfirmation?: { value: string; label: string };
  /** Named like the action ("Revoke all sessions"), never "OK". */
  confirmLabel: string;
  danger?: boolean;
  /** Shown in place of the fields while onConfirm runs (progress of a long action). */
  runningContent?: React.ReactNode;
  onConfirm: (reason: string | undefined, typed: string | undefined) => Promise<ActionResult>;
}

async function attempt(run: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await run();
  } catch (error) {
    // A server action that cannot be reached throws instead of returning; it changed nothing we know of.
    console.warn("[confirm-action]", error);
    return { ok: false, error: "The console could not reach the server. Check your connection and try again." };
  }
}

/** Toasts a finished action; a partial one offers Retry with the same inputs, which can outlive the dialog. */
function announce(result: ActionResult, retry: () => Promise<ActionResult>) {
  if (!result.ok) {
    toast.error(result.error);
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
 * The one way a console action is confirmed: a preview of exactly what changes, an audit
 * reason, optionally a typed confirmation, then the action. Failures stay in the dialog;
 * successes close it and toast.
 */
export function ConfirmActionDialog({
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize = "sm",
  triggerIcon,
  triggerDisabled,
  title,
  description,
  preview,
  warning,
  requireReason = false,
  offerReason = false,
  requireTypedConfirmation,
  confirmLabel,
  danger = false,
  runningContent,
  onConfirm,
}: ConfirmActionDialogProps) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const [error, setError] = useState<{ message: string; refused: boolean } | null>(null);

  const showReason = requireReason || offerReason;
  const reasonText = reason.trim();
  const reasonValid = !requireReason || reasonText.length >= MIN_REASON;
  const reasonTooShort = showReason && reasonText.length > 0 && reasonText.length < MIN_REASON;
  const typedValid = !requireTypedConfirmation || typed.trim().toLowerCase() === requireTypedConfirmation.value.trim().toLowerCase();
  const canConfirm = reasonValid && !reasonTooShort && typedValid && !running;

  function onOpenChange(next: boolean) {
    if (running) return;
    if (next) {
      setReason("");
      setTyped("");
      setReasonTouched(false);
      setError(null);
    }
    setOpen(next);
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
      setError({ message: result.error, refused: result.refused === true });
    }
  }

  const reasonId = `${ids}-reason`;
  const typedId = `${ids}-typed`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant={triggerVariant} size={triggerSize} disabled={triggerDisabled}>
          {triggerIcon}
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={title}
        description={description}
        aria-busy={running}
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

          {running && runningContent ? (
            runningContent
          ) : (
            <>
              {showReason ? (
                <div>
                  <label htmlFor={reasonId} className="mb-1 block text-sm font-medium">
                    Reason (goes into the audit log)
                  </label>
                  <textarea
                    id={reasonId}
                    value={reason}
                    onChange={(event) => setReason(event.target.value)}
                    onBlur={() => setReasonTouched(true)}
                    rows={2}
                    maxLength={500}
                    required={requireReason}
                    disabled={running}
                    aria-invalid={(reasonTouched && !reasonValid) || reasonTooShort}
                    aria-describedby={`${reasonId}-hint`}
                    placeholder={requireReason ? "Why, e.g. ticket SUP-1234: reported stolen laptop" : "Optional"}
                    className={cn(fieldClasses, "h-auto min-h-16 resize-y py-2")}
                  />
                  <p id={`${reasonId}-hint`} className="mt-1 text-xs text-fg-muted">
                    {requireReason ? `Required, at least ${MIN_REASON} characters.` : `Optional; if given, at least ${MIN_REASON} characters.`}
                  </p>
                </div>
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

          {error ? (
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
            <Button type="submit" variant={danger ? "danger" : "primary"} disabled={!canConfirm} aria-busy={running}>
              {running ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
