import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { ReadBudgetNotice } from "@/components/read-budget-notice";
import { StaleCursor } from "@/components/stale-cursor";
import { buttonClasses } from "@/components/ui/button";
import { mayAct } from "@/lib/auth/may-act";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import { productTableSize } from "@/lib/features/overview/table-size";
import { listUsers, lookUpUser, SEARCH_STEP, searchUsers, type UserLookup } from "@/lib/features/users/server";
import { formatBytes, formatCount } from "@/lib/format/format";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams, searchTextSchema } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { NewUserButton } from "./new-user-button";
import { UserSearch } from "./user-search";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

/** Tables above this size ask before a "contains" scan starts. */
const CONFIRM_SCAN_ABOVE_ITEMS = 20_000;

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);
  const blocked = param(params, "blocked") === "1";
  const rawQuery = typeof params.q === "string" ? params.q : undefined;
  const query = rawQuery === undefined ? undefined : searchTextSchema.safeParse(rawQuery);
  // An exact email or id jumps straight to the user, before anything streams.
  let exact: UserLookup | null = null;
  if (query?.success && query.data && !cursor && (query.data.includes("@") || !/\s/.test(query.data))) {
    exact = await lookUpUser(operator, query.data);
    if (exact.id) redirect(`/users/${encodeURIComponent(exact.id)}`);
  }

  return (
    <>
      <PageHeader
        title="Users"
        description="Every user the adapter has created. An exact email or id opens the user at once."
        actions={
          mayAct(operator) ? (
            <div className="flex flex-wrap gap-2">
              <Link href="/users/act-on-list" className={buttonClasses({ variant: "secondary" })}>
                <span className="icon icon-list-checks" aria-hidden />
                Act on a list
              </Link>
              <NewUserButton />
            </div>
          ) : null
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <UserSearch defaultValue={query?.success ? query.data : undefined} />
        </div>
        <nav aria-label="User filter" className="flex gap-1 text-sm">
          <Link href="/users" aria-current={blocked ? undefined : "page"} className={buttonClasses({ size: "sm", variant: blocked ? "ghost" : "secondary" })}>
            All users
          </Link>
          <Link
            href="/users?blocked=1"
            aria-current={blocked ? "page" : undefined}
            className={buttonClasses({ size: "sm", variant: blocked ? "secondary" : "ghost" })}
          >
            Blocked users
          </Link>
        </nav>
      </div>
      {query && !query.success ? (
        <Notice tone="error" role="alert" title={query.error.issues[0]?.message ?? "Invalid input."}>
          <Link href="/users" className="font-medium text-accent hover:underline">
            Clear the search
          </Link>
        </Notice>
      ) : query?.data ? (
        <Suspense key={`${query.data}:${cursor}:${param(params, "scan")}`} fallback={<DataTableSkeleton columns={4} rows={6} />}>
          <UserSearchResults operator={operator} query={query.data} cursor={cursor} exact={exact} confirmed={param(params, "scan") === "1"} />
        </Suspense>
      ) : (
        <Suspense key={`${pageSize}:${cursor}:${blocked}`} fallback={<DataTableSkeleton columns={5} rows={pageSize > 25 ? 12 : 8} />}>
          <UserList operator={operator} pageSize={pageSize} cursor={cursor} blocked={blocked} />
        </Suspense>
      )}
    </>
  );
}

async function UserList({ operator, pageSize, cursor, blocked }: { operator: Operator; pageSize: number; cursor?: string; blocked: boolean }) {
  let page: Awaited<ReturnType<typeof listUsers>>;
  try {
    page = await listUsers(operator, { pageSize, cursor, blocked });
  } catch (error) {
    if (error instanceof CursorError)
      return (
        <StaleCursor
          message={error.message}
          firstPage={hrefWith("/users", { pageSize: pageSize === 25 ? undefined : pageSize, blocked: blocked ? 1 : undefined })}
        />
      );
    if (error instanceof RateLimitedError) {
      const retryHref = hrefWith("/users", { pageSize: pageSize === 25 ? undefined : pageSize, blocked: blocked ? 1 : undefined, cursor });
      return (
        <ReadBudgetNotice
          title={blocked ? "The blocked users list did not run" : "The users list was not read"}
          message={error.message}
          retryHref={retryHref}
        />
      );
    }
    throw error;
  }
  const empty = blocked
    ? page.page === 1 && !page.nextCursor
      ? "No blocked users."
      : "No blocked users in this stretch of the table."
    : page.page === 1
      ? "No users yet."
      : "No results.";
  return (
    <>
      {blocked ? (
        <div className="mb-3">
          <Notice tone="warning" title="A metered Scan: blocked users are found by reading the whole table">
            DynamoDB has no index of blocks, so this Scan reads every item (filtered to user items with a gatehouseBlock, active or expired) and is billed for
            all of them; a page may hold few rows. The query meter below shows what it cost.
          </Notice>
        </div>
      ) : null}
      <UsersTable rows={page.rows} now={Date.now()} emptyMessage={empty} />
      <DataTablePagination {...pagingLinks("/users", blocked ? { blocked: "1" } : {}, pageSize, page)} itemLabel="user" shown={page.rows.length} />
      <p className="mt-2 text-xs text-fg-muted">
        Last sign-in comes from gatehouse-guard in the product. Last active ≈ is on each user&apos;s page and on /sessions, not here: it needs a Query per user.
      </p>
      <QueryMeter
        entries={page.meter}
        note={
          blocked
            ? "Scan filtered to blocked user items (attribute_exists(gatehouseBlock)), with a projection"
            : "Scan filtered to user items, with a projection"
        }
      />
    </>
  );
}

async function UserSearchResults(props: { operator: Operator; query: string; cursor?: string; exact: UserLookup | null; confirmed: boolean }) {
  const { operator, query, cursor, exact, confirmed } = props;

  const size = await productTableSize(operator);
  const estimate = `about ${formatCount(size.itemCount)} items (${formatBytes(size.sizeBytes)}, ≈ ${formatCount(size.fullScanReadUnits)} read units)`;
  const intro = exact ? (
    <p className="mb-3 text-sm text-fg-muted">
      {exact.by === "email" ? "No user has the email" : "No user id is"} <strong className="text-fg">{query}</strong>. Names and emails containing it:
    </p>
  ) : null;

  if (!confirmed && !cursor && size.itemCount > CONFIRM_SCAN_ABOVE_ITEMS) {
    return (
      <>
        {intro}
        <Notice tone="warning" title={`Searching for “${query}” scans the table: ${estimate} in all.`}>
          <p>It reads {formatCount(SEARCH_STEP)} items per step and shows how far it got; you decide whether to go on.</p>
          <Link href={hrefWith("/users", { q: query, scan: 1 })} className={buttonClasses({ size: "sm", className: "mt-2" })}>
            Start scanning
          </Link>
        </Notice>
        {exact ? <QueryMeter entries={exact.meter} /> : null}
      </>
    );
  }

  let result: Awaited<ReturnType<typeof searchUsers>>;
  try {
    result = await searchUsers(operator, { query, cursor });
  } catch (error) {
    if (error instanceof CursorError) return <StaleCursor message={error.message} firstPage={hrefWith("/users", { q: query })} />;
    if (error instanceof RateLimitedError) {
      return (
        <>
          {intro}
          <Notice tone="warning" role="alert" title="The search did not run">
            <p>{error.message}</p>
            <Link href={hrefWith("/users", { q: query, scan: 1, cursor })} className={buttonClasses({ size: "sm", variant: "secondary", className: "mt-2" })}>
              Try again
            </Link>
          </Notice>
        </>
      );
    }
    throw error;
  }
  return (
    <>
      {intro}
      <div role="status" className="mb-3 flex flex-wrap items-center justify-between gap-3 rounded-md border border-border bg-surface px-3 py-2 text-sm">
        <span>
          {result.done ? "Scan complete" : "Scan paused"}: read {formatCount(result.scanned)} of {estimate.replace("about ", "~")}; {result.rows.length} match
          {result.rows.length === 1 ? "" : "es"} in this step.
        </span>
        {result.done ? null : (
          <span className="flex gap-2">
            <Link href={hrefWith("/users", { q: query, scan: 1, cursor: result.nextCursor })} className={buttonClasses({ size: "sm" })}>
              Continue scanning
            </Link>
            <Link href="/users" className={buttonClasses({ size: "sm", variant: "secondary" })}>
              Stop
            </Link>
          </span>
        )}
      </div>
      <UsersTable rows={result.rows} now={Date.now()} emptyMessage={`No names or emails containing “${query}” in this step.`} />
      <QueryMeter entries={[...(exact?.meter ?? []), ...result.meter]} note={`“contains” Scan, ${formatCount(SEARCH_STEP)} items per step`} />
    </>
  );
}
