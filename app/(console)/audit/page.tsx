import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { UnusableFilters } from "@/components/filter-form-parts";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { StaleCursor } from "@/components/stale-cursor";
import { buttonClasses } from "@/components/ui/button";
import { mayAct } from "@/lib/auth/may-act";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import type { AuditFilters } from "@/lib/features/audit/schema";
import { listAudit, MAX_AUDIT_QUERIES, MAX_AUDIT_READ } from "@/lib/features/audit/server";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { AuditFilterForm } from "./audit-filter-form";
import { AuditTable } from "./audit-table";
import { type FilterField, parseAuditFilters, rawAuditFilters, requestedDays } from "./filters";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);
  const raw = rawAuditFilters(params);
  const parsed = parseAuditFilters(raw);

  const exportLink = parsed.success ? (
    <a
      href={hrefWith("/audit/export", parsed.query)}
      download
      className={buttonClasses({ variant: "secondary" })}
      title="Every entry of this view, up to 10,000 rows"
    >
      <span className="icon icon-download" aria-hidden />
      Export CSV
    </a>
  ) : null;

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every action and operator sign-in, newest first. Append-only: nothing here edits or deletes it."
        actions={exportLink}
      />
      {/* Keyed by the filters: its fields are uncontrolled, and a client navigation (Clear, Back) must show the new ones. */}
      <AuditFilterForm key={JSON.stringify(raw)} values={raw} pageSize={pageSize} invalid={parsed.success ? [] : parsed.fields} />
      {parsed.success ? (
        <Suspense key={`${JSON.stringify(parsed.filters)}:${pageSize}:${cursor}`} fallback={<DataTableSkeleton columns={7} rows={pageSize > 25 ? 12 : 8} />}>
          <AuditList operator={operator} filters={parsed.filters} query={parsed.query} filtered={parsed.active} pageSize={pageSize} cursor={cursor} />
        </Suspense>
      ) : (
        <UnusableFilters problems={parsed.problems} clearHref="/audit" />
      )}
    </>
  );
}

interface AuditListProps {
  operator: Operator;
  filters: AuditFilters;
  query: Record<FilterField, string | undefined>;
  filtered: boolean;
  pageSize: number;
  cursor?: string;
}

async function AuditList({ operator, filters, query, filtered, pageSize, cursor }: AuditListProps) {
  let page: Awaited<ReturnType<typeof listAudit>>;
  try {
    page = await listAudit(operator, filters, { pageSize, cursor });
  } catch (error) {
    if (error instanceof CursorError) {
      return <StaleCursor message={error.message} firstPage={hrefWith("/audit", { ...query, pageSize: pageSize === 25 ? undefined : pageSize })} />;
    }
    if (error instanceof RateLimitedError) {
      return (
        <Notice tone="warning" role="alert" title="The audit log was not read">
          <p>{error.message}</p>
        </Notice>
      );
    }
    throw error;
  }

  const now = Date.now();
  const asked = requestedDays(filters, now);
  const span = `${page.days} day${page.days === 1 ? "" : "s"}`;
  const emptyMessage =
    page.days === 0
      ? "The dates are all in the future: there is nothing to read yet."
      : page.page > 1
        ? "No more entries."
        : filtered
          ? `No entries match these filters in the ${span} read.`
          : `No entries in the last ${span}.`;

  return (
    <>
      {asked > page.days && page.days > 0 ? (
        <div className="mb-3">
          <Notice tone="warning" title={`Only the newest ${span} of the ${asked} asked for are read.`}>
            <p>A listing walks at most that many day partitions. Narrow the dates to reach older entries.</p>
          </Notice>
        </div>
      ) : null}
      {page.stopped && page.nextCursor ? (
        <div className="mb-3">
          <Notice tone="info" role="status" title={`The search stopped at ${page.stopped.day}.`}>
            <p>
              One page reads at most {MAX_AUDIT_QUERIES} days or {MAX_AUDIT_READ.toLocaleString("en-US")} entries. Days newer than {page.stopped.day} were
              searched
              {page.entries.length ? " and what matched is shown" : ", with no match"}; it and older days were not, yet.{" "}
              <Link
                href={hrefWith("/audit", { ...query, pageSize: pageSize === 25 ? undefined : pageSize, cursor: page.nextCursor })}
                className="font-medium text-accent hover:underline"
              >
                Continue searching from {page.stopped.day}
              </Link>
            </p>
          </Notice>
        </div>
      ) : null}
      <AuditTable entries={page.entries} now={now} canUndo={mayAct(operator)} emptyMessage={emptyMessage} />
      <DataTablePagination {...pagingLinks("/audit", query, pageSize, page)} itemLabel="record" shown={page.entries.length} />
      <QueryMeter entries={page.meter} note={`one Query per day partition, ${span}${filtered ? "; filters are FilterExpressions on those Queries" : ""}`} />
    </>
  );
}
