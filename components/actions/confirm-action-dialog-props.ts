import type { ButtonProps } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

// Shared by the trigger (confirm-action-dialog.tsx) and the dialog it loads on demand (confirm-action-dialog-body.tsx),
// so the dialog never imports the file that loads it.

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
  /** Inputs of the action's own (Block user's duration), shown above the reason; their state lives with the caller. */
  fields?: React.ReactNode;
  /** A reason of at least 3 characters must be given; it goes into the audit log. */
  requireReason?: boolean;
  /** Offers the reason field without requiring it. */
  offerReason?: boolean;
  /** The operator must type exactly this value (case-insensitive) before confirm enables. */
  requireTypedConfirmation?: { value: string; label: string };
  /** Needs a recent sign-in (GATEHOUSE_STEP_UP_MINUTES): when it is too old, the dialog says so and offers to sign in again. */
  stepUp?: boolean;
  /** Named like the action ("Revoke all sessions"), never "OK". */
  confirmLabel: string;
  danger?: boolean;
  /** Keeps confirm disabled while the action's own fields are not ready (nothing changed yet, an invalid value). */
  confirmDisabled?: boolean;
  /** Shown in place of the fields while onConfirm runs (progress of a long action). */
  runningContent?: React.ReactNode;
  onConfirm: (reason: string | undefined, typed: string | undefined) => Promise<ActionResult>;
}
