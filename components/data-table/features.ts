import { columnVisibilityFeature, createColumnHelper, rowSelectionFeature, tableFeatures } from "@tanstack/react-table";

/** Per-column options read by DataTable, set through a column definition's `meta`. */
export interface DataTableColumnMeta {
  /** Name in the "Columns" menu when `header` is not a plain string. */
  label?: string;
  /** Extra classes for the column's header and body cells (alignment, width, wrapping). */
  className?: string;
}

export const features = tableFeatures({
  columnVisibilityFeature,
  /** Inert unless a table passes `rowSelection` to DataTable and renders a select column. */
  rowSelectionFeature,
  columnMeta: {} as DataTableColumnMeta,
});

export type DataTableFeatures = typeof features;

export { createColumnHelper };
