"use client";

import { UserCell } from "@/components/user-cell";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { SessionRow } from "@/lib/dal/rows";

const col = createColumnHelper<typeof features, SessionRow>();

const sessionsHref = (row: SessionRow) => `/users/${encodeURIComponent(row.userId)}#sessions`;

function columns(now: number) {
  return col.columns([
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
  ]);
}

export function AllSessionsTable({ rows, now, emptyMessage }: { rows: SessionRow[]; now: number; emptyMessage: string }) {
  return (
    <DataTable
      caption="Sessions"
      columns={columns(now)}
      data={rows}
      getRowId={(s) => `${s.userId}:${s.fingerprint}`}
      getRowHref={sessionsHref}
      emptyMessage={emptyMessage}
    />
  );
}
