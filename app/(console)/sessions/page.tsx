import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { ReadBudgetNotice } from "@/components/read-budget-notice";
import { StaleCursor } from "@/components/stale-cursor";
import { mayAct } from "@/lib/auth/may-act";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import { lookupProblem } from "@/lib/features/sessions/lookup";
import { listSessions } from "@/lib/features/sessions/server";
import { cn } from "@/lib/format/cn";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { PurgeExpiredButton } from "./purge-expired";
import { SessionLookupForm } from "./session-lookup-form";
import { AllSessionsTable } from "./sessions-table";

export const metadata: Metadata = { title: "Sessions" };

const METER_NOTE = "Scan on the SESSION# sort-key prefix with a projection; users from one BatchGetItem";

export default async function SessionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);
  const includeExpired = param(params, "expired") === "1";
  const canAct = mayAct(operator);

  return (
    <>
      <PageHeader
        title="Sessions"
        description="Database sessions across all users, shown by fingerprint. Listing them scans the table page by page; a pasted token is one GSI1 Query."
        actions={
          canAct ? (
            <div className="ml-auto">
              <PurgeExpiredButton />
            </div>
          ) : null
        }
      />
      <div className="mb-4 space-y-3">
        <SessionLookupForm problem={lookupProblem(param(params, "lookup"))} />
        <ExpiredToggle includeExpired={includeExpired} pageSize={pageSize} />
      </div>
      <Suspense key={`${includeExpired}:${pageSize}:${cursor}`} fallback={<DataTableSkeleton columns={4} rows={pageSize > 25 ? 12 : 8} />}>
        <SessionList operator={operator} pageSize={pageSize} includeExpired={includeExpired} cursor={cursor} canAct={canAct} />
      </Suspense>
    </>
  );
}

/** Two links, not a checkbox: the filter lives in the URL, and changing it starts again at page one. */
function ExpiredToggle({ includeExpired, pageSize }: { includeExpired: boolean; pageSize: number }) {
  const size = pageSize === 25 ? undefined : pageSize;
  const options = [
    { label: "Live only", href: hrefWith("/sessions", { pageSize: size }), active: !includeExpired },
    { label: "Include expired sessions awaiting TTL", href: hrefWith("/sessions", { expired: 1, pageSize: size }), active: includeExpired },
  ];
  return (
    <nav aria-label="Which sessions to show" className="inline-flex gap-1 rounded-lg border border-border bg-surface p-1">
      {options.map((option) => (
        <Link
          key={option.label}
          href={option.href}
          aria-current={option.active ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1 text-sm transition-colors",
            option.active ? "bg-accent/10 font-medium text-accent hover:bg-accent/15" : "text-fg-muted hover:bg-muted hover:text-fg",
          )}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}

async function SessionList({
  operator,
  pageSize,
  includeExpired,
  cursor,
  canAct,
}: {
  operator: Operator;
  pageSize: number;
  includeExpired: boolean;
  cursor?: string;
  canAct: boolean;
}) {
  const size = pageSize === 25 ? undefined : pageSize;
  let page: Awaited<ReturnType<typeof listSessions>>;
  try {
    page = await listSessions(operator, { pageSize, includeExpired, cursor });
  } catch (error) {
    if (error instanceof CursorError) {
      return <StaleCursor message={error.message} firstPage={hrefWith("/sessions", { expired: includeExpired ? 1 : undefined, pageSize: size })} />;
    }
    if (error instanceof RateLimitedError) {
      return (
        <ReadBudgetNotice
          title="The sessions list was not read"
          message={error.message}
          retryHref={hrefWith("/sessions", { expired: includeExpired ? 1 : undefined, pageSize: size, cursor })}
        />
      );
    }
    throw error;
  }

  if (page.noSessionItems) {
    return (
      <>
        <Notice title="No session items in this table">
          <p>
            The app may be using JWT sessions (<code className="font-mono text-xs text-fg">{'session: { strategy: "jwt" }'}</code>): the default when Auth.js
            has no adapter, and a choice an app can make even with one (with an adapter the default is{" "}
            <code className="font-mono text-xs text-fg">&quot;database&quot;</code>). A JWT session lives only in the browser&apos;s cookie, so a database
            console cannot list or revoke it.
          </p>
        </Notice>
        <QueryMeter entries={page.meter} note={METER_NOTE} />
      </>
    );
  }

  // A page can come back empty with more to read when the Scan spent its budget before finding any.
  const emptyMessage = page.nextCursor
    ? "None in this stretch of the table; Next reads on."
    : page.page > 1
      ? "No more sessions."
      : includeExpired
        ? "No sessions, live or expired."
        : "No live sessions.";
  return (
    <>
      <AllSessionsTable rows={page.rows} now={page.now} emptyMessage={emptyMessage} canAct={canAct} />
      {page.rows.length === 0 && page.page === 1 && !page.nextCursor && !includeExpired ? (
        <p className="mt-2 text-sm text-fg-muted">
          Expired sessions that DynamoDB&apos;s TTL has not deleted yet are hidden.{" "}
          <Link href={hrefWith("/sessions", { expired: 1, pageSize: size })} className="font-medium text-accent hover:underline">
            Include them
          </Link>
        </p>
      ) : null}
      <DataTablePagination
        {...pagingLinks("/sessions", { expired: includeExpired ? "1" : undefined }, pageSize, page)}
        itemLabel="session"
        shown={page.rows.length}
      />
      <QueryMeter entries={page.meter} note={METER_NOTE} />
    </>
  );
}
