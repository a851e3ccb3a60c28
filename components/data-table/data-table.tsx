/**
 * A generic table over TanStack Table v9, rendered on the server: rows, cells and links are
 * HTML from the start, and only the small DataTableFrame (keyboard row navigation, rows that
 * open a link, the "Columns" menu) runs in the browser. Cells may render client components.
 *
 * @example
 * // app/(console)/users/users-table.tsx (a server component)
 * import { DataTable } from "@/components/data-table/data-table";
 * import { createColumnHelper, type features } from "@/components/data-table/features";
 *
 * type UserRow = { id: string; email: string; name: string | null };
 * const col = createColumnHelper<typeof features, UserRow>();
 * const columns = col.columns([
 *   col.accessor("email", { header: "Email", enableHiding: false }),
 *   col.accessor("name", { header: "Name", cell: (info) => info.getValue() ?? "—" }),
 * ]);
 *
 * export function UsersTable({ rows }: { rows: UserRow[] }) {
 *   return <DataTable caption="Users" columns={columns} data={rows} getRowId={(u) => u.id} getRowHref={(u) => `/users/${u.id}`} />;
 * }
 */

import type { RowData } from "@tanstack/react-table";
import { DataTableFrame } from "./data-table-frame";
import { type DataTableProps, dataTableMarkup } from "./data-table-markup";

export type { DataTableProps } from "./data-table-markup";

export function DataTable<TRow extends RowData>({ toolbar, initiallyHidden = [], ...props }: DataTableProps<TRow>) {
  const { table, toggleable } = dataTableMarkup(props);
  return (
    <DataTableFrame columns={toggleable} initiallyHidden={initiallyHidden} toolbar={toolbar}>
      {table}
    </DataTableFrame>
  );
}
