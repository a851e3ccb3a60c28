// The markup of a server-rendered table (see data-table.tsx), apart from what runs in the browser.

import { constructTable, flexRender, type RowData, type TableOptions } from "@tanstack/react-table";
import { cn } from "@/lib/format/cn";
import type { ToggleableColumn } from "./columns-menu-props";
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
  /** A class beside `.data-table` for a table whose rows and cells have rules of their own in globals.css (`.audit-table`), instead of classes on each. */
  tableClass?: string;
}

/** The table itself, and the columns an operator may hide: shared by DataTable and StaticDataTable. */
export function dataTableMarkup<TRow extends RowData>({
  columns,
  data,
  caption,
  getRowHref,
  getRowId,
  emptyMessage = "No results.",
  body,
  tableClass,
  rowNavigation = true,
}: Omit<DataTableProps<TRow>, "toolbar" | "initiallyHidden"> & {
  /** The first row is the table's tab stop for the frame's arrow keys; a table without the frame has none. */
  rowNavigation?: boolean;
}): { table: React.ReactNode; toggleable: ToggleableColumn[] } {
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

  return {
    toggleable,
    table: (
      <table className={cn("data-table", tableClass)}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" {...(header.colSpan > 1 ? { colSpan: header.colSpan } : {})} {...cellClasses(header.column.columnDef.meta)}>
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
              <tr key={row.id} {...(index === 0 && rowNavigation ? { tabIndex: 0 } : {})} data-href={getRowHref?.(row.original)}>
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
    ),
  };
}
