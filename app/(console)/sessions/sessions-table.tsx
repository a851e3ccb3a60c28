import { RevokeSessionButton } from "@/components/actions/revoke-session-button";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { RowSelectionProvider, SelectAllRowsCheckbox, SelectRowCheckbox } from "@/components/data-table/row-selection";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserCell } from "@/components/user-cell";
import type { SessionRow } from "@/lib/features/sessions/schema";
import { LAST_ACTIVE_NOTE } from "@/lib/features/users/last-active";
import { RevokeSelectedButton, type SelectableSession } from "./revoke-selected";

const col = createColumnHelper<typeof features, SessionRow>();

const sessionsHref = (row: SessionRow) => `/users/${encodeURIComponent(row.userId)}#sessions`;
const rowKey = (row: SessionRow) => `${row.userId}:${row.fingerprint}`;

const selectColumn = col.display({
  id: "select",
  enableHiding: false,
  meta: { label: "Select", padding: "pl-3 pr-0", className: "w-px" },
  header: () => <SelectAllRowsCheckbox label="Select all on this page" />,
  cell: ({ row }) => <SelectRowCheckbox rowKey={rowKey(row.original)} label={`Select session …${row.original.fingerprint}`} />,
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
    col.accessor("lastActive", {
      header: () => <span title={LAST_ACTIVE_NOTE}>Last active ≈</span>,
      meta: { label: "Last active ≈" },
      cell: (info) => {
        const value = info.getValue();
        return value === null ? <span className="text-fg-muted">unknown</span> : <RelativeTime epochMs={value} serverNow={now} />;
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
                session={{
                  userId: row.original.userId,
                  fingerprint: row.original.fingerprint,
                  expires: row.original.expires,
                  owner: row.original.user?.email ?? row.original.userId,
                }}
                now={now}
              />
            ),
          }),
        ]
      : []),
  ]);
}

export function AllSessionsTable({ rows, now, emptyMessage, canAct = false }: { rows: SessionRow[]; now: number; emptyMessage: string; canAct?: boolean }) {
  const table = (toolbar?: React.ReactNode) => (
    <DataTable
      caption="Sessions"
      columns={columns(now, canAct)}
      data={rows}
      getRowId={rowKey}
      getRowHref={sessionsHref}
      emptyMessage={emptyMessage}
      toolbar={toolbar}
    />
  );
  if (!canAct) return table();
  const selectable: SelectableSession[] = rows.map((row) => ({
    key: rowKey(row),
    userId: row.userId,
    fingerprint: row.fingerprint,
    owner: row.user?.email ?? row.userId,
  }));
  return <RowSelectionProvider keys={selectable.map((row) => row.key)}>{table(<RevokeSelectedButton sessions={selectable} />)}</RowSelectionProvider>;
}
