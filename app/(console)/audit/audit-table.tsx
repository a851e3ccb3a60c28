import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import type { AuditEntry } from "@/lib/audit/entry";
import { auditRow } from "./audit-row";
import { AuditRows } from "./audit-rows";
import { entryLabels, undoable } from "./entry-labels";

const col = createColumnHelper<typeof features, AuditEntry>();

/** The header and the "Columns" menu; the rows are AuditRows' (audit-rows.tsx), in this order. Eight columns share the width: `.audit-table` (globals.css) pads its cells tighter than the default. */
const columns = col.columns([
  col.accessor("at", { id: "at", header: "Time", enableHiding: false }),
  col.accessor("operatorEmail", { id: "operator", header: "Operator" }),
  col.accessor("action", { header: "Action" }),
  col.accessor("target", { header: "Target" }),
  col.accessor("reason", { header: "Reason" }),
  col.accessor("result", { header: "Result" }),
  col.accessor("counts", { header: "Counts" }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    enableHiding: false,
    meta: { label: "Actions" },
  }),
]);

export function AuditTable({ entries, now, canUndo, emptyMessage }: { entries: AuditEntry[]; now: number; canUndo: boolean; emptyMessage: string }) {
  // Undos are newer than what they undo, so on a newest-first page they are usually in view too.
  const undone = new Set(entries.flatMap((e) => (e.action === "undo" && e.result === "ok" && e.target.entryId ? [e.target.entryId] : [])));
  const rows = entries.map((entry) => auditRow(entry, undone.has(entry.id) ? "undone" : canUndo && undoable(entry, now) ? "undo" : undefined));
  return (
    <DataTable
      caption="Audit log, newest first"
      tableClass="audit-table"
      columns={columns}
      data={entries}
      emptyMessage={emptyMessage}
      body={<AuditRows rows={rows} now={now} labels={entryLabels} />}
    />
  );
}
