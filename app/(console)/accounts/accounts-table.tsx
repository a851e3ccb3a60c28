import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { ExpiryCell } from "@/components/expiry-cell";
import { Badge } from "@/components/ui/badge";
import { UserCell } from "@/components/user-cell";
import type { AccountRow } from "@/lib/features/accounts/schema";

const col = createColumnHelper<typeof features, AccountRow>();

const userHref = (row: AccountRow) => `/users/${encodeURIComponent(row.userId)}`;

function columns(now: number) {
  return col.columns([
    col.accessor("userId", {
      id: "user",
      header: "User",
      enableHiding: false,
      cell: ({ row }) => <UserCell user={row.original.user} userId={row.original.userId} href={userHref(row.original)} />,
    }),
    col.accessor("providerAccountId", { header: "Provider account id", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    col.accessor("type", { header: "Type", cell: (info) => <Badge>{info.getValue()}</Badge> }),
    col.accessor("scope", {
      header: "Scope",
      meta: { className: "max-w-72" },
      cell: (info) => {
        const scope = info.getValue();
        return scope ? (
          <span className="block truncate text-xs text-fg-muted" title={scope}>
            {scope}
          </span>
        ) : (
          <span className="text-fg-muted">—</span>
        );
      },
    }),
    col.accessor("expiresAt", {
      header: "Access token expires",
      cell: (info) => {
        const value = info.getValue();
        return value === null ? <span className="text-fg-muted">—</span> : <ExpiryCell expires={value} live={value > now} now={now} expiredLabel="expired" />;
      },
    }),
  ]);
}

export function ProviderAccountsTable({ rows, now, provider, emptyMessage }: { rows: AccountRow[]; now: number; provider: string; emptyMessage: string }) {
  return (
    <DataTable
      caption={`Accounts linked through ${provider}`}
      columns={columns(now)}
      data={rows}
      getRowId={(a) => `${a.provider}:${a.providerAccountId}`}
      getRowHref={userHref}
      emptyMessage={emptyMessage}
    />
  );
}
