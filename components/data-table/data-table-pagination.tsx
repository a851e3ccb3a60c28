import { PageLink } from "./page-link";
import { PageSizeLinks } from "./page-size-links";

export interface PaginationProps {
  page: number;
  pageSize: number;
  /** Undefined on page one. */
  previousHref?: string;
  nextHref?: string;
  /** Page one of the same view at each page size. */
  pageSizeHrefs: Record<string, string>;
  itemLabel: string;
  /** When the plural is not itemLabel + "s". */
  itemPlural?: string;
  shown: number;
}

/** Cursor paging: previous/next follow sealed cursors in the URL, so reload, back and shared links work. */
export function DataTablePagination({ page, pageSize, previousHref, nextHref, pageSizeHrefs, itemLabel, itemPlural, shown }: PaginationProps) {
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-fg-muted" aria-live="polite">
        Page {page} · {shown} {shown === 1 ? itemLabel : (itemPlural ?? `${itemLabel}s`)}
      </p>
      <div className="flex items-center gap-2">
        <PageSizeLinks value={pageSize} hrefs={pageSizeHrefs} />
        <PageLink href={previousHref} label="Previous" icon={<span className="icon icon-chevron-left" aria-hidden />} rel="prev" />
        <PageLink href={nextHref} label="Next" icon={<span className="icon icon-chevron-right" aria-hidden />} rel="next" />
      </div>
    </nav>
  );
}
