import type { RowData } from "@tanstack/react-table";
import { type DataTableProps, dataTableMarkup } from "./data-table-markup";

/**
 * A DataTable that sends no code to the browser: no row keyboard navigation, row clicks or
 * "Columns" menu, so every row must carry its own link. For a short, secondary table on a page
 * whose first-load JavaScript is spent on its main task (Act on a list's composer).
 */
export function StaticDataTable<TRow extends RowData>(props: Omit<DataTableProps<TRow>, "toolbar" | "initiallyHidden" | "getRowHref">) {
  return (
    <div className="max-h-[calc(100dvh-10rem)] overflow-auto rounded-lg border border-border bg-surface">
      {dataTableMarkup({ ...props, rowNavigation: false }).table}
    </div>
  );
}
