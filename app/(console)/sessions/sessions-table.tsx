import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { SelectAllRowsCheckbox } from "@/components/data-table/row-selection";
import { userCells } from "@/components/user-cells";
import type { SessionRow } from "@/lib/features/sessions/schema";
import { LAST_ACTIVE_NOTE } from "@/lib/features/users/last-active";
import { RevokeSelectedButton } from "./revoke-selected";
import { type SessionCells, SessionRows, SessionSelection } from "./session-rows";

const col = createColumnHelper<typeof features, SessionRow>();

const FINGERPRINT_NOTE = "A fingerprint of the session token (the start of its SHA-256); the token itself never leaves the server";

/** The header and the "Columns" menu; the rows are SessionRows' (session-rows.tsx), in this order. */
function columns(canAct: boolean) {
  return col.columns([
    ...(canAct
      ? [
          col.display({
            id: "select",
            enableHiding: false,
            meta: { label: "Select", className: "cell-select" },
            header: () => <SelectAllRowsCheckbox label="Select all on this page" />,
          }),
        ]
      : []),
    col.accessor("fingerprint", { header: () => <span title={FINGERPRINT_NOTE}>Session</span>, meta: { label: "Session" }, enableHiding: false }),
    col.accessor("userId", { id: "user", header: "User" }),
    col.accessor("live", { header: "State" }),
    col.accessor("expires", { header: "Expires" }),
    col.accessor("lastActive", { header: () => <span title={LAST_ACTIVE_NOTE}>Last active ≈</span>, meta: { label: "Last active ≈" } }),
    ...(canAct
      ? [
          col.display({
            id: "actions",
            enableHiding: false,
            meta: { label: "Actions", className: "cell-actions" },
            header: () => <span className="sr-only">Actions</span>,
          }),
        ]
      : []),
  ]);
}

/** What the browser needs of a row, once: no field twice, absent rather than null. */
function toCells(row: SessionRow): SessionCells {
  return {
    u: row.userId,
    f: row.fingerprint,
    ...(row.expires === null ? {} : { e: row.expires }),
    ...(row.live ? {} : { x: 1 as const }),
    ...(row.lastActive === null ? {} : { a: row.lastActive }),
    ...userCells(row.user),
  };
}

export function AllSessionsTable({ rows, now, emptyMessage, canAct = false }: { rows: SessionRow[]; now: number; emptyMessage: string; canAct?: boolean }) {
  // One array, passed to the rows, the selection and the bulk action: the RSC payload sends it once and refers to it.
  const cells = rows.map(toCells);
  const table = (toolbar?: React.ReactNode) => (
    <DataTable
      caption="Sessions"
      columns={columns(canAct)}
      data={rows}
      emptyMessage={emptyMessage}
      toolbar={toolbar}
      body={<SessionRows rows={cells} now={now} canAct={canAct} />}
    />
  );
  if (!canAct) return table();
  return <SessionSelection rows={cells}>{table(<RevokeSelectedButton sessions={cells} />)}</SessionSelection>;
}
