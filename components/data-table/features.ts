import { columnVisibilityFeature, createColumnHelper, tableFeatures } from "@tanstack/react-table";
import { storeReactivityBindings } from "@tanstack/table-core/store-reactivity-bindings";

/** Per-column options read by DataTable, set through a column definition's `meta`. */
export interface DataTableColumnMeta {
  /** Name in the "Columns" menu when `header` is not a plain string. */
  label?: string;
  /** Extra classes for the column's header and body cells (alignment, width, wrapping). */
  className?: string;
  /** Horizontal padding of the column's cells, instead of the default `px-3`. */
  padding?: string;
}

/**
 * The table model is built on the server (DataTable is a server component), so it uses
 * TanStack's store bindings rather than React's: no table code is sent to the browser.
 */
export const features = tableFeatures({
  coreReactivityFeature: storeReactivityBindings(),
  /** Which columns the "Columns" menu offers (`enableHiding`); hiding itself happens in the browser. */
  columnVisibilityFeature,
  columnMeta: {} as DataTableColumnMeta,
});

export type DataTableFeatures = typeof features;

export { createColumnHelper };
