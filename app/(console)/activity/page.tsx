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
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import type { ActivityFilters } from "@/lib/features/activity/schema";
import { activityFigures, listActivity, MAX_FEED_QUERIES } from "@/lib/features/activity/server";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { ActivityFiguresView } from "./activity-figures";
import { ActivityFilterForm } from "./activity-filter-form";
import { ActivityTable } from "./activity-table";
import { ConsumerStatusLine } from "./consumer-status-line";
import { type FilterField, parseActivityFilters, rawActivityFilters } from "./filters";
import { LiveRefresh } from "./live-refresh";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);
  const raw = rawActivityFilters(params);
  const parsed = parseActivityFilters(raw);
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="Activity"
        description="What happens in the product's auth, from the product table's stream: sign-ups, sign-ins, sessions, magic links and operators' actions."
        actions={cursor ? null : <LiveRefresh renderedAt={now} />}
      />
      <Suspense fallback={<div className="skeleton-bar mb-4 w-2/3" />}>
        <ConsumerStatusLine operator={operator} now={now} />
      </Suspense>
      <section aria-labelledby="figures-heading" className="mb-8">
        <h2 id="figures-heading" className="sr-only">
          The last 30 days
        </h2>
        <Suspense fallback={<div className="skeleton-block h-64" />}>
          <Figures operator={operator} now={now} />
        </Suspense>
      </section>
      <section aria-labelledby="feed-heading">
        <h2 id="feed-heading" className="mb-3 text-lg font-semibold">
          Feed
        </h2>
        <ActivityFilterForm key={JSON.stringify(raw)} values={raw} invalid={parsed.success ? [] : parsed.fields} />
        {parsed.success ? (
          <Suspense key={`${JSON.stringify(parsed.filters)}:${pageSize}:${cursor}`} fallback={<DataTableSkeleton columns={5} rows={pageSize > 25 ? 12 : 8} />}>
            <Feed operator={operator} filters={parsed.filters} query={parsed.query} filtered={parsed.active} pageSize={pageSize} cursor={cursor} now={now} />
          </Suspense>
        ) : (
          <UnusableFilters problems={parsed.problems} clearHref="/activity" />
        )}
      </section>
    </>
  );
}

async function Figures({ operator, now }: { operator: Operator; now: number }) {
  try {
    return <ActivityFiguresView figures={await activityFigures(operator, {}, now)} />;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return (
        <Notice tone="warning" role="alert" title="The figures were not read">
          <p>{error.message}</p>
        </Notice>
      );
    }
    throw error;
  }
}

interface FeedProps {
  operator: Operator;
  filters: ActivityFilters;
  query: Record<FilterField, string | undefined>;
  filtered: boolean;
  pageSize: number;
  cursor?: string;
  now: number;
}

async function Feed({ operator, filters, query, filtered, pageSize, cursor, now }: FeedProps) {
  let page: Awaited<ReturnType<typeof listActivity>>;
  try {
    page = await listActivity(operator, filters, { pageSize, cursor }, now);
  } catch (error) {
    if (error instanceof CursorError) {
      return <StaleCursor message={error.message} firstPage={hrefWith("/activity", { ...query, pageSize: pageSize === 25 ? undefined : pageSize })} />;
    }
    if (error instanceof RateLimitedError) {
      return (
        <Notice tone="warning" role="alert" title="The feed was not read">
          <p>{error.message}</p>
        </Notice>
      );
    }
    throw error;
  }
  const emptyMessage =
    page.page > 1
      ? "No more events."
      : filtered
        ? "No events match these filters."
        : "No activity yet. Events appear here seconds after the product writes them.";
  const source = filters.user
    ? "one index Query of the user's timeline"
    : filters.email
      ? "index Queries of the address's links and its user's timeline"
      : "one Query per shard of each day read";
  return (
    <>
      {page.stopped && page.nextCursor ? (
        <div className="mb-3">
          <Notice tone="info" role="status" title={`The search stopped at ${page.stopped.day}.`}>
            <p>
              One page reads at most {MAX_FEED_QUERIES} partitions. Days after {page.stopped.day} were searched
              {page.events.length ? " and what matched is shown" : ", with no match"}; it and older days were not, yet.{" "}
              <Link
                href={hrefWith("/activity", { ...query, pageSize: pageSize === 25 ? undefined : pageSize, cursor: page.nextCursor })}
                className="font-medium text-accent hover:underline"
              >
                Continue searching from {page.stopped.day}
              </Link>
            </p>
          </Notice>
        </div>
      ) : null}
      <ActivityTable events={page.events} now={now} caption="Product activity, newest first" emptyMessage={emptyMessage} />
      <DataTablePagination {...pagingLinks("/activity", query, pageSize, page)} itemLabel="event" shown={page.events.length} />
      <QueryMeter
        entries={page.meter}
        note={`${source}${filtered && (filters.type || filters.provider) ? "; type and provider are FilterExpressions on those Queries" : ""}`}
      />
    </>
  );
}
