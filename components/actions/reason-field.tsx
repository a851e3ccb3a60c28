"use client";

import { useId } from "react";
import { fieldBaseClasses } from "@/components/ui/input";
import { MAX_REASON, MIN_REASON } from "@/lib/actions/reason";
import { cn } from "@/lib/format/cn";

/**
 * The audit reason of a console action, with its rule said under it. The caller keeps the value
 * and decides when it is shown as invalid (some flag it while typing, some only after a blur).
 */
export function ReasonField({
  value,
  onChange,
  required,
  example,
  note,
  invalid,
  onBlur,
  disabled,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  required: boolean;
  /** The placeholder of a required reason ("Why, e.g. ticket SUP-1234: …"); an optional one says "Optional". */
  example: string;
  /** Said after the rule (who else carries the reason). */
  note?: React.ReactNode;
  invalid?: boolean;
  onBlur?: () => void;
  disabled?: boolean;
  /** The textarea's width where the default full width is too wide. */
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        Reason (goes into the audit log)
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        rows={2}
        maxLength={MAX_REASON}
        required={required}
        disabled={disabled}
        aria-invalid={invalid}
        aria-describedby={hintId}
        placeholder={required ? example : "Optional"}
        className={cn(fieldBaseClasses, "min-h-16 w-full resize-y px-3 py-2 text-sm", className)}
      />
      <p id={hintId} className={cn("mt-1 text-xs", invalid ? "text-danger" : "text-fg-muted")}>
        {required ? `Required, at least ${MIN_REASON} characters.` : `Optional; if given, at least ${MIN_REASON} characters.`}
        {note ? <> {note}</> : null}
      </p>
    </div>
  );
}
