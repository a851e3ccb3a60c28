"use client";

/**
 * A native checkbox for a selection column; `indeterminate` is a DOM property, not an attribute.
 * `rowSelect` marks a row's own box, which highlights the row while ticked.
 */
export function DataTableCheckbox({
  label,
  checked,
  indeterminate = false,
  rowSelect = false,
  onChange,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  rowSelect?: boolean;
  onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={onChange}
      data-row-select={rowSelect || undefined}
      ref={(element) => {
        if (element) element.indeterminate = indeterminate && !checked;
      }}
      className="checkbox" // globals.css: a row's class string would repeat on every row
    />
  );
}
