import type { AuditChanges } from "@/lib/audit/entry";
import { EDITABLE_FIELDS, type EditableField, fieldLabels } from "@/lib/features/edit-user/preview";

const empty = (field: string) => (field === "emailVerified" ? "not verified" : "empty");

/** An edit's fields, before → after, as a small table (Edit user and its undo). */
export function ChangesTable({ changes }: { changes: AuditChanges }) {
  // DynamoDB keeps no order in a map: show the fields in the dialog's order.
  const rank = (field: string) => (EDITABLE_FIELDS.includes(field as EditableField) ? EDITABLE_FIELDS.indexOf(field as EditableField) : EDITABLE_FIELDS.length);
  const fields = Object.keys(changes.after).sort((a, b) => rank(a) - rank(b));
  return (
    <table className="w-full text-xs" aria-label="Changes">
      <thead>
        <tr className="text-left text-fg-muted">
          <th scope="col" className="pr-3 pb-1 font-medium">
            Field
          </th>
          <th scope="col" className="pr-3 pb-1 font-medium">
            Before
          </th>
          <th scope="col" className="pb-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field} className="align-top">
            <th scope="row" className="pr-3 text-left font-medium whitespace-nowrap">
              {fieldLabels[field as EditableField] ?? field}
            </th>
            {(["before", "after"] as const).map((side, i) => {
              const value = changes[side][field] ?? null;
              return (
                <td key={side} className={i === 0 ? "pr-3 break-all" : "break-all"}>
                  {value === null ? <span className="text-fg-muted">{empty(field)}</span> : <span className="font-mono">{value}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
