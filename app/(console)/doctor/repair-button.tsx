"use client";

import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { repairFindingAction } from "@/lib/features/doctor/action";
import type { FindingExample, RepairableFinding } from "@/lib/features/doctor/findings";

const labels: Record<RepairableFinding, { trigger: string; title: string; danger: boolean; warning?: string }> = {
  "orphaned-accounts": {
    trigger: "Delete orphaned accounts",
    title: "Delete orphaned account items?",
    danger: true,
    warning: "Deleted items cannot be restored.",
  },
  "orphaned-sessions": {
    trigger: "Delete orphaned sessions",
    title: "Delete orphaned session items?",
    danger: true,
    warning: "Deleted items cannot be restored.",
  },
  "expired-items": {
    trigger: "Purge expired items",
    title: "Purge expired items?",
    danger: true,
    warning: "Deleted items cannot be restored; live sessions and tokens are not touched.",
  },
  "missing-gsi1-keys": { trigger: "Add missing index keys", title: "Add the missing index keys?", danger: false },
};

/** One finding's repair: the server finds the affected items again, so the count may have moved since this page was read. */
export function RepairButton({ finding, count, repair, examples }: { finding: RepairableFinding; count: number; repair: string; examples: FindingExample[] }) {
  const label = labels[finding];
  return (
    <ConfirmActionDialog
      triggerLabel={label.trigger}
      triggerIcon={<span className="icon icon-wrench size-3.5" aria-hidden />}
      title={label.title}
      description="The table is scanned again when you confirm, and only what is still wrong then is changed."
      preview={
        <>
          <p>{repair}</p>
          {examples.length ? (
            <ul className="list-disc pl-5 font-mono text-xs text-fg-muted">
              {examples.map((example) => (
                <li key={example.label}>{example.label}</li>
              ))}
              {count > examples.length ? <li className="list-none font-sans">…and {count - examples.length} more</li> : null}
            </ul>
          ) : null}
        </>
      }
      warning={label.warning}
      requireReason
      confirmLabel={label.trigger}
      stepUp
      danger={label.danger}
      onConfirm={(reason) => repairFindingAction({ finding, reason })}
    />
  );
}
