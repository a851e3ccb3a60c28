import Link from "next/link";

/**
 * Rows per page as links to page one of the same view at each size: drawn on the server with
 * no JavaScript of its own (a select that navigates would ship its code to every list page),
 * and, like every view here, kept in the URL.
 */
export function PageSizeLinks({ value, hrefs }: { value: number; hrefs: Record<string, string> }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of links, not of form controls, so not a fieldset.
    <div role="group" aria-label="Rows per page" className="flex items-center gap-0.5">
      <span className="mr-1 text-xs text-fg-muted" aria-hidden>
        Rows
      </span>
      {Object.entries(hrefs).map(([size, href]) => (
        <Link key={size} href={href} aria-current={size === String(value) ? "true" : undefined} className="page-size">
          {size}
        </Link>
      ))}
    </div>
  );
}
