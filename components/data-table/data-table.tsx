"use client";

/**
 * A generic table over TanStack Table v9: column visibility menu, sticky header,
 * keyboard row navigation (roving tabindex) and rows that open a link.
 *
 * Columns, cell renderers and `getRowHref` are functions, so they live in a client file;
 * the server page passes only the rows.
 *
 * @example
 * // app/(console)/users/users-table.tsx
 * "use client";
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

import { useTable, type ColumnVisibilityState, type OnChangeFn, type RowData, type RowSelectionState, type TableOptions } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { DataTableViewOptions } from "./data-table-view-options";
import { features, type DataTableFeatures } from "./features";

export interface DataTableProps<TRow extends RowData> {
  columns: TableOptions<DataTableFeatures, TRow>["columns"];
  data: TRow[];
  caption: string;
  getRowHref?: (row: TRow) => string | undefined;
  getRowId?: (row: TRow) => string;
  emptyMessage?: string;
  toolbar?: React.ReactNode;
  initialColumnVisibility?: ColumnVisibilityState;
  /** Controlled row selection (keyed by `getRowId`); omit both for a table without selection. */
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: OnChangeFn<RowSelectionState>;
}

/** Clicks on these keep their own meaning instead of opening the row. */
const INTERACTIVE = "a, button, input, select, textarea, label, summary, [role='button'], [role='checkbox'], [role='menuitem'], [contenteditable='true']";

export function DataTable<TRow extends RowData>({
  columns,
  data,
  caption,
  getRowHref,
  getRowId,
  emptyMessage = "No results.",
  toolbar,
  initialColumnVisibility,
  rowSelection,
  onRowSelectionChange,
}: DataTableProps<TRow>) {
  const router = useRouter();
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(initialColumnVisibility ?? {});
  const table = useTable({
    features,
    columns,
    data,
    getRowId,
    state: rowSelection ? { columnVisibility, rowSelection } : { columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
    enableRowSelection: Boolean(onRowSelectionChange),
    onRowSelectionChange,
  });

  const rows = table.getRowModel().rows;
  const [activeRowId, setActiveRowId] = useState<string>();
  const tabStopId = rows.some((row) => row.id === activeRowId) ? activeRowId : rows[0]?.id;
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  function focusRow(index: number) {
    const row = bodyRef.current?.rows.item(Math.max(0, Math.min(index, rows.length - 1)));
    if (!row) return;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function open(href: string, newTab: boolean) {
    if (newTab) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  function onRowClick(event: React.MouseEvent<HTMLTableRowElement>, href: string | undefined) {
    const target = event.target;
    // React bubbles events from portals (menus, dialogs) opened inside a row: only real row clicks count.
    if (!href || !(target instanceof Element) || !event.currentTarget.contains(target)) return;
    if (target.closest(INTERACTIVE)) return;
    if (window.getSelection()?.isCollapsed === false) return;
    open(href, event.metaKey || event.ctrlKey);
  }

  function onRowKeyDown(event: React.KeyboardEvent<HTMLTableRowElement>, index: number, href: string | undefined) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "ArrowDown") focusRow(index + 1);
    else if (event.key === "ArrowUp") focusRow(index - 1);
    else if (event.key === "Home") focusRow(0);
    else if (event.key === "End") focusRow(rows.length - 1);
    else if (event.key === "Enter" && href) open(href, event.metaKey || event.ctrlKey);
    else return;
    event.preventDefault();
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {toolbar ? <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">{toolbar}</div> : null}
        <DataTableViewOptions table={table} />
      </div>
      {/* The height cap makes this the scroller the sticky header sticks to; scroll-pt keeps focused rows clear of it. */}
      <div className="max-h-[calc(100dvh-10rem)] scroll-pt-9 overflow-auto rounded-lg border border-border bg-surface">
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
                    className={cn(
                      "sticky top-0 z-10 h-9 border-b border-border bg-surface px-3 text-left text-xs font-medium whitespace-nowrap text-fg-muted",
                      header.column.columnDef.meta?.className,
                    )}
                  >
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody ref={bodyRef} className="[&>tr:last-child>td]:border-b-0">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={Math.max(1, table.getVisibleLeafColumns().length)} className="h-24 px-3 text-center text-fg-muted">
                  {emptyMessage}
                </td>
              </tr>
            ) : (
              rows.map((row, index) => {
                const href = getRowHref?.(row.original);
                return (
                  <tr
                    key={row.id}
                    tabIndex={row.id === tabStopId ? 0 : -1}
                    data-href={href}
                    data-selected={rowSelection ? row.getIsSelected() : undefined}
                    onFocus={() => setActiveRowId(row.id)}
                    onClick={(event) => onRowClick(event, href)}
                    onKeyDown={(event) => onRowKeyDown(event, index, href)}
                    className={cn(
                      "hover:bg-muted/60 data-[selected=true]:bg-accent/5 focus-visible:bg-accent/10 focus-visible:outline-2 focus-visible:-outline-offset-2! focus-visible:outline-accent",
                      href && "cursor-pointer",
                    )}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={cn("h-9 border-b border-border px-3 py-1.5 align-middle whitespace-nowrap", cell.column.columnDef.meta?.className)}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
