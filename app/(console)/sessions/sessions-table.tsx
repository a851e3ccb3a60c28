"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { useState } from "react";
import { RevokeSessionButton } from "@/components/actions/revoke-session-button";
import { UserCell } from "@/components/user-cell";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableCheckbox } from "@/components/data-table/data-table-checkbox";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { SessionRow } from "@/lib/dal/rows";
import { RevokeSelectedButton } from "./revoke-selected";

const col = createColumnHelper<typeof features, SessionRow>();

const sessionsHref = (row: SessionRow) => `/users/${encodeURIComponent(row.userId)}#sessions`;
const rowId = (row: SessionRow) => `${row.userId}:${row.fingerprint}`;

const selectColumn = col.display({
  id: "select",
  enableHiding: false,
  meta: { label: "Select", className: "w-px pr-0" },
  header: ({ table }) => (
    <DataTableCheckbox
      label="Select all on this page"
      checked={table.getIsAllPageRowsSelected()}
      indeterminate={table.getIsSomePageRowsSelected()}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => <DataTableCheckbox label={`Select session …${row.original.fingerprint}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />,
});

function columns(now: number, canAct: boolean) {
  return col.columns([
    ...(canAct ? [selectColumn] : []),
    col.accessor("fingerprint", {
      header: "Session",
      enableHiding: false,
      cell: (info) => (
        <span className="font-mono text-xs" title="A fingerprint of the session token (the start of its SHA-256); the token itself never leaves the server">
          …{info.getValue()}
        </span>
      ),
    }),
    col.accessor("userId", {
      id: "user",
      header: "User",
      cell: ({ row }) => <UserCell user={row.original.user} userId={row.original.userId} href={sessionsHref(row.original)} />,
    }),
    col.accessor("live", {
      header: "State",
      cell: (info) => (info.getValue() ? <Badge tone="success">live</Badge> : <Badge tone="warning">expired, awaiting TTL</Badge>),
    }),
    col.accessor("expires", {
      header: "Expires",
      cell: (info) => {
        const value = info.getValue();
        return value === null ? <span className="text-fg-muted">no expiry</span> : <RelativeTime epochMs={value} serverNow={now} />;
      },
    }),
    ...(canAct
      ? [
          col.display({
            id: "actions",
            enableHiding: false,
            meta: { label: "Actions", className: "w-px text-right" },
            header: () => <span className="sr-only">Actions</span>,
            cell: ({ row }) => (
              <RevokeSessionButton
                session={{ userId: row.original.userId, fingerprint: row.original.fingerprint, expires: row.original.expires, owner: row.original.user?.email ?? row.original.userId }}
                now={now}
              />
            ),
          }),
        ]
      : []),
  ]);
}

export function AllSessionsTable({ rows, now, emptyMessage, canAct = false }: { rows: SessionRow[]; now: number; emptyMessage: string; canAct?: boolean }) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // Rows revoked elsewhere drop out of the page on refresh; their ids must not count as selected.
  const selected = rows.filter((row) => rowSelection[rowId(row)]);
  return (
    <DataTable
      caption="Sessions"
      columns={columns(now, canAct)}
      data={rows}
      getRowId={rowId}
      getRowHref={sessionsHref}
      emptyMessage={emptyMessage}
      rowSelection={canAct ? rowSelection : undefined}
      onRowSelectionChange={canAct ? setRowSelection : undefined}
      toolbar={canAct ? <RevokeSelectedButton selected={selected} onDone={() => setRowSelection({})} /> : undefined}
    />
  );
}
