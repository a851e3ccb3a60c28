"use client";

import { cn } from "@/lib/cn";

/** A native checkbox for a selection column; `indeterminate` is a DOM property, not an attribute. */
export function DataTableCheckbox({
  label,
  checked,
  indeterminate = false,
  onChange,
  className,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
  className?: string;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={onChange}
      ref={(element) => {
        if (element) element.indeterminate = indeterminate && !checked;
      }}
      className={cn("size-4 cursor-pointer rounded border-border align-middle accent-accent", className)}
    />
  );
}
