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

import { constructTable, flexRender, type RowData, type TableOptions } from "@tanstack/react-table";
import { cn } from "@/lib/cn";
import { DataTableFrame, type ToggleableColumn } from "./data-table-frame";
import { features, type DataTableFeatures } from "./features";

export interface DataTableProps<TRow extends RowData> {
  columns: TableOptions<DataTableFeatures, TRow>["columns"];
  data: TRow[];
  caption: string;
  getRowHref?: (row: TRow) => string | undefined;
  getRowId?: (row: TRow) => string;
  emptyMessage?: string;
  toolbar?: React.ReactNode;
  /** Column ids hidden until the operator shows them from the "Columns" menu. */
  initiallyHidden?: string[];
}

export function DataTable<TRow extends RowData>({ columns, data, caption, getRowHref, getRowId, emptyMessage = "No results.", toolbar, initiallyHidden = [] }: DataTableProps<TRow>) {
  const table = constructTable({ features, columns, data, getRowId });
  const leafColumns = table.getAllLeafColumns();
  const toggleable: ToggleableColumn[] = leafColumns
    .filter((column) => column.getCanHide())
    .map((column) => {
      const { meta, header } = column.columnDef;
      return { id: column.id, label: meta?.label ?? (typeof header === "string" ? header : column.id) };
    });
  const cellClasses = (meta: (typeof leafColumns)[number]["columnDef"]["meta"]) => cn(meta?.padding ?? "px-3", meta?.className);
  const rows = table.getRowModel().rows;

  return (
    <DataTableFrame columns={toggleable} initiallyHidden={initiallyHidden} toolbar={toolbar}>
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  colSpan={header.colSpan}
                  data-col={header.column.id}
                  className={cn(
                    "sticky top-0 z-10 h-9 border-b border-border bg-surface text-left text-xs font-medium whitespace-nowrap text-fg-muted",
                    cellClasses(header.column.columnDef.meta),
                  )}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="[&>tr:last-child>td]:border-b-0">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={Math.max(1, leafColumns.length)} className="h-24 px-3 text-center text-fg-muted">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => {
              const href = getRowHref?.(row.original);
              return (
                <tr
                  key={row.id}
                  tabIndex={index === 0 ? 0 : -1}
                  data-href={href}
                  className={cn(
                    "hover:bg-muted/60 has-[[data-row-select]:checked]:bg-accent/5 focus-visible:bg-accent/10 focus-visible:outline-2 focus-visible:-outline-offset-2! focus-visible:outline-accent",
                    href && "cursor-pointer",
                  )}
                >
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-col={cell.column.id}
                      className={cn("h-9 border-b border-border py-1.5 align-middle whitespace-nowrap", cellClasses(cell.column.columnDef.meta))}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </DataTableFrame>
  );
}
