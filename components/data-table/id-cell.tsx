"use client";

import { CopyButton } from "@/components/ui/copy-button";

/**
 * The start of an id, the whole id on hover, and a copy button. A client component on purpose:
 * in the RSC payload of a table it is one short reference per row instead of its markup.
 */
export function IdCell({ id, label }: { id: string; label: string }) {
  return (
    <span className="id-cell">
      <span title={id}>{`${id.slice(0, 8)}…`}</span>
      <CopyButton value={id} label={label} />
    </span>
  );
}
