"use client";

import { Select } from "@/components/ui/select";
import { auditActions } from "@/lib/audit/actions";

/**
 * The audit filter's action picker. A client component for the sake of the page's weight: its
 * 23 options come from the code, not from the RSC payload, where a server-drawn select sends
 * each of them a second time.
 */
export function ActionSelect({ defaultValue, invalid }: { defaultValue: string; invalid?: true }) {
  return (
    <Select id="audit-action" name="action" defaultValue={defaultValue} aria-invalid={invalid}>
      <option value="">Any action</option>
      {auditActions.map((action) => (
        // An option's value is its text when it has no value attribute: each name once.
        <option key={action}>{action}</option>
      ))}
    </Select>
  );
}
