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
import { cn } from "@/lib/format/cn";
import type { ToggleableColumn } from "./columns-menu-props";
import { DataTableFrame } from "./data-table-frame";
import { type DataTableFeatures, features } from "./features";

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
  /**
   * The body's rows, drawn by a client component from compact row data instead of from the
   * columns' `cell`s: a server-rendered row is sent twice (its HTML and its RSC payload), a
   * client-drawn one is its HTML plus its data. Its cells follow the columns' order and classes.
   */
  body?: React.ReactNode;
}

export function DataTable<TRow extends RowData>({
  columns,
  data,
  caption,
  getRowHref,
  getRowId,
  emptyMessage = "No results.",
  toolbar,
  initiallyHidden = [],
  body,
}: DataTableProps<TRow>) {
  const table = constructTable({ features, columns, data, getRowId });
  const leafColumns = table.getAllLeafColumns();
  const toggleable: ToggleableColumn[] = leafColumns.flatMap((column, index) => {
    if (!column.getCanHide()) return [];
    const { meta, header } = column.columnDef;
    return [{ id: column.id, label: meta?.label ?? (typeof header === "string" ? header : column.id), position: index + 1 }];
  });
  // The default padding and the row and cell styles live in globals.css (.data-table): written
  // here they would repeat on every cell, twice (in the HTML and in the RSC payload).
  // Spread, so that cells without classes carry no className prop at all (not even `$undefined`).
  const cellClasses = (meta: (typeof leafColumns)[number]["columnDef"]["meta"]) => {
    const className = cn(meta?.padding, meta?.className);
    return className ? { className } : {};
  };
  const rows = table.getRowModel().rows;

  return (
    <DataTableFrame columns={toggleable} initiallyHidden={initiallyHidden} toolbar={toolbar}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" colSpan={header.colSpan > 1 ? header.colSpan : undefined} {...cellClasses(header.column.columnDef.meta)}>
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={Math.max(2, leafColumns.length)} className="h-24 text-center text-fg-muted">
                {emptyMessage}
              </td>
            </tr>
          ) : body !== undefined ? (
            body
          ) : (
            rows.map((row, index) => (
              <tr key={row.id} {...(index === 0 ? { tabIndex: 0 } : {})} data-href={getRowHref?.(row.original)}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.column.id} {...cellClasses(cell.column.columnDef.meta)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </DataTableFrame>
  );
}
