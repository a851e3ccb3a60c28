import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import type { AuditEntry } from "@/lib/audit/entry";
import { auditRow } from "./audit-row";
import { AuditRows } from "./audit-rows";
import { entryLabels, undoable } from "./entry-labels";

const col = createColumnHelper<typeof features, AuditEntry>();

/** Tighter than DataTable's default padding: eight columns share the width. The rows' cells get the same from `.audit-row` in globals.css. */
const cellPadding = "px-2 first:pl-3 last:pr-3";

/** The header and the "Columns" menu; the rows are AuditRows' (audit-rows.tsx), in this order. */
const columns = col.columns([
  col.accessor("at", { id: "at", header: "Time", enableHiding: false, meta: { padding: cellPadding } }),
  col.accessor("operatorEmail", { id: "operator", header: "Operator", meta: { padding: cellPadding } }),
  col.accessor("action", { header: "Action", meta: { padding: cellPadding } }),
  col.accessor("target", { header: "Target", meta: { padding: cellPadding, className: "whitespace-normal" } }),
  col.accessor("reason", { header: "Reason", meta: { padding: cellPadding } }),
  col.accessor("result", { header: "Result", meta: { padding: cellPadding } }),
  col.accessor("counts", { header: "Counts", meta: { padding: cellPadding, className: "whitespace-normal" } }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    enableHiding: false,
    meta: { label: "Actions", padding: cellPadding, className: "text-right" },
  }),
]);

export function AuditTable({ entries, now, canUndo, emptyMessage }: { entries: AuditEntry[]; now: number; canUndo: boolean; emptyMessage: string }) {
  // Undos are newer than what they undo, so on a newest-first page they are usually in view too.
  const undone = new Set(entries.flatMap((e) => (e.action === "undo" && e.result === "ok" && e.target.entryId ? [e.target.entryId] : [])));
  const rows = entries.map((entry) => auditRow(entry, undone.has(entry.id) ? "undone" : canUndo && undoable(entry, now) ? "undo" : undefined));
  return (
    <DataTable
      caption="Audit log, newest first"
      columns={columns}
      data={entries}
      emptyMessage={emptyMessage}
      body={<AuditRows rows={rows} now={now} labels={entryLabels} />}
    />
  );
}
