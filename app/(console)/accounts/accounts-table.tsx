import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { userCells } from "@/components/user-cells";
import type { AccountRow } from "@/lib/features/accounts/schema";
import { type AccountCells, AccountRows } from "./account-rows";

const col = createColumnHelper<typeof features, AccountRow>();

/** The header and the "Columns" menu; the rows are AccountRows' (account-rows.tsx), in this order. */
const columns = col.columns([
  col.accessor("userId", { id: "user", header: "User", enableHiding: false }),
  col.accessor("providerAccountId", { header: "Provider account id" }),
  col.accessor("type", { header: "Type" }),
  col.accessor("scope", { header: "Scope", meta: { className: "max-w-72" } }),
  col.accessor("expiresAt", { header: "Access token expires" }),
]);

/** What the browser needs of a row, once: no field twice, absent rather than null, and no token. */
function toCells(row: AccountRow): AccountCells {
  return {
    u: row.userId,
    p: row.providerAccountId,
    t: row.type,
    ...(row.scope ? { s: row.scope } : {}),
    ...(row.expiresAt === null ? {} : { e: row.expiresAt }),
    ...userCells(row.user),
  };
}

export function ProviderAccountsTable({ rows, now, provider, emptyMessage }: { rows: AccountRow[]; now: number; provider: string; emptyMessage: string }) {
  return (
    <DataTable
      caption={`Accounts linked through ${provider}`}
      columns={columns}
      data={rows}
      emptyMessage={emptyMessage}
      body={<AccountRows rows={rows.map(toCells)} now={now} />}
    />
  );
}
