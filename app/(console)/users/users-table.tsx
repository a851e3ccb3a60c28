import { BlockBadge } from "@/components/block-badge";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { IdCell } from "@/components/data-table/id-cell";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserAvatar } from "@/components/user-avatar";
import type { UserRow } from "@/lib/features/users/schema";

const col = createColumnHelper<typeof features, UserRow>();

function columns(now: number) {
  return col.columns([
    col.accessor("name", {
      header: "Name",
      enableHiding: false,
      cell: ({ row }) => (
        <span className="avatar-cell">
          <UserAvatar name={row.original.name} email={row.original.email} />
          {row.original.name ?? <span className="text-fg-muted">No name</span>}
          <BlockBadge block={row.original.block} />
        </span>
      ),
    }),
    col.accessor("email", { header: "Email", cell: (info) => info.getValue() ?? <span className="text-fg-muted">none</span> }),
    col.accessor("emailVerified", {
      header: "Email verified",
      cell: (info) => {
        const value = info.getValue();
        return value ? <RelativeTime epochMs={Date.parse(value)} serverNow={now} /> : <span className="text-fg-muted">no</span>;
      },
    }),
    col.accessor("lastSignInAt", {
      header: "Last sign-in",
      cell: ({ row }) => {
        const { lastSignInAt, lastSignInProvider, signInCount } = row.original;
        // Plain text: 25 rows of it; the note under the table says where it comes from.
        if (!lastSignInAt) return <span className="text-fg-muted">none</span>;
        return (
          <span className="inline-flex items-center gap-1.5">
            <RelativeTime epochMs={Date.parse(lastSignInAt)} serverNow={now} />
            {lastSignInProvider ? <span className="text-xs text-fg-muted">{lastSignInProvider}</span> : null}
            {signInCount ? <span className="sr-only">, {signInCount} sign-ins</span> : null}
          </span>
        );
      },
    }),
    col.accessor("id", { header: "Id", cell: (info) => <IdCell id={info.getValue()} label="user id" /> }),
  ]);
}

export function UsersTable({ rows, now, emptyMessage }: { rows: UserRow[]; now: number; emptyMessage?: string }) {
  return (
    <DataTable
      caption="Users"
      columns={columns(now)}
      data={rows}
      getRowId={(u) => u.id}
      getRowHref={(u) => `/users/${encodeURIComponent(u.id)}`}
      emptyMessage={emptyMessage}
    />
  );
}
