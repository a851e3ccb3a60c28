import { blockMark } from "@/components/block-badge";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import type { UserRow } from "@/lib/features/users/schema";
import { type UserListCells, UserRows } from "./user-rows";

const col = createColumnHelper<typeof features, UserRow>();

/** The header and the "Columns" menu; the rows are UserRows' (user-rows.tsx), in this order. */
const columns = col.columns([
  col.accessor("name", { header: "Name", enableHiding: false }),
  col.accessor("email", { header: "Email" }),
  col.accessor("emailVerified", { header: "Email verified" }),
  col.accessor("lastSignInAt", { header: "Last sign-in" }),
  col.accessor("id", { header: "Id" }),
]);

/** What the browser needs of a row, once: no field twice, absent rather than null. */
function toCells(row: UserRow): UserListCells {
  return {
    i: row.id,
    ...(row.name === null ? {} : { n: row.name }),
    ...(row.email === null ? {} : { m: row.email }),
    ...(row.emailVerified ? { v: Date.parse(row.emailVerified) } : {}),
    ...(row.lastSignInAt ? { s: Date.parse(row.lastSignInAt) } : {}),
    ...(row.lastSignInAt && row.lastSignInProvider ? { p: row.lastSignInProvider } : {}),
    ...(row.lastSignInAt && row.signInCount ? { c: row.signInCount } : {}),
    ...(row.block ? { b: blockMark(row.block) } : {}),
  };
}

export function UsersTable({ rows, now, emptyMessage }: { rows: UserRow[]; now: number; emptyMessage?: string }) {
  return <DataTable caption="Users" columns={columns} data={rows} emptyMessage={emptyMessage} body={<UserRows rows={rows.map(toCells)} now={now} />} />;
}
