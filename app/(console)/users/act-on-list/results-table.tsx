import Link from "next/link";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { PageLink } from "@/components/data-table/page-link";
import { StaticDataTable } from "@/components/data-table/static-data-table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { EntryOutcome, EntryResult } from "@/lib/features/list-jobs/outcomes";

const col = createColumnHelper<typeof features, EntryResult>();
const outcomeTones: Record<EntryOutcome, BadgeTone> = { ok: "success", partial: "warning", failed: "danger", "not-found": "neutral" };
const userHref = (id: string) => `/users/${encodeURIComponent(id)}`;

const columns = col.columns([
  col.accessor("entry", { header: "Entry", enableHiding: false, cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
  col.accessor("userId", {
    header: "User",
    cell: ({ row }) => {
      const { userId, email } = row.original;
      if (!userId) return <span className="text-fg-muted">none</span>;
      return (
        <Link href={userHref(userId)} className="text-accent hover:underline" title={userId}>
          {email ?? userId}
        </Link>
      );
    },
  }),
  col.accessor("outcome", {
    header: "Outcome",
    cell: (info) => (
      <Badge tone={outcomeTones[info.getValue()]} data-testid="outcome">
        {info.getValue()}
      </Badge>
    ),
  }),
  col.accessor("message", { header: "Message", meta: { className: "min-w-72 whitespace-normal" } }),
]);

export interface ResultsPaging {
  page: number;
  firstHref?: string;
  previousHref?: string;
  nextHref?: string;
}

/** A job's results, one page of them, in list order: each entry, its user, the outcome and the action's message. */
export function ResultsTable({ rows, paging, processed, total }: { rows: EntryResult[]; paging: ResultsPaging; processed: number; total: number }) {
  return (
    <section aria-labelledby="results-title" className="space-y-3">
      <div>
        <h2 id="results-title" className="text-base font-semibold">
          Results
        </h2>
        <p className="text-sm text-fg-muted">
          Every processed entry with its outcome, in list order
          {processed < total ? ` (${processed.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} so far)` : ""}. The CSV holds them all.
        </p>
      </div>
      {/* Static, like Recent list jobs: each found user is its own link, and the page's first load is the composer's. */}
      <StaticDataTable caption="Results of the list job" columns={columns} data={rows} emptyMessage="No results yet." />
      <nav aria-label="Results pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-fg-muted" aria-live="polite">
          Page {paging.page} · {rows.length.toLocaleString("en-US")} {rows.length === 1 ? "row" : "rows"}
        </p>
        <div className="flex items-center gap-2">
          {paging.page > 2 ? <PageLink href={paging.firstHref} label="First page" scroll={false} /> : null}
          <PageLink href={paging.previousHref} label="Previous" icon={<span className="icon icon-chevron-left" aria-hidden />} rel="prev" scroll={false} />
          <PageLink href={paging.nextHref} label="Next" icon={<span className="icon icon-chevron-right" aria-hidden />} rel="next" scroll={false} />
        </div>
      </nav>
    </section>
  );
}
