import type { CSSProperties } from "react";

/**
 * Placeholder shaped like DataTable (toolbar, header, rows) for loading states. Streamed pages
 * send it twice (HTML and RSC payload) before the rows, so it is one element: the rows and
 * their bars are drawn by `.skeleton-table` in globals.css from `--cols` and `--rows`.
 */
export function DataTableSkeleton({ columns = 4, rows = 10 }: { columns?: number; rows?: number }) {
  return (
    <div role="status" aria-busy="true" className="skeleton-table" style={{ "--cols": columns, "--rows": rows } as CSSProperties}>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
