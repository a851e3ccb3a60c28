import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { z } from "zod";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { ReadBudgetNotice } from "@/components/read-budget-notice";
import { StaleCursor } from "@/components/stale-cursor";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import { listVerificationTokens, tokensForIdentifier } from "@/lib/features/tokens/server";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { IdentifierLookup } from "./identifier-lookup";
import { PendingTokensTable } from "./tokens-table";

export const metadata: Metadata = { title: "Verification tokens" };

const identifierSchema = z.string({ error: "Give one identifier." }).trim().max(254, "An identifier (an email address) is at most 254 characters.");

export default async function VerificationTokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);
  const identifier = params.identifier === undefined ? undefined : identifierSchema.safeParse(params.identifier);

  return (
    <>
      <PageHeader
        title="Verification tokens"
        description="Magic-link sign-ins requested and not yet used, shown by fingerprint. Listing them scans the table; one email is a single Query."
      />
      <div className="mb-4">
        <IdentifierLookup defaultValue={identifier?.success ? identifier.data : undefined} />
      </div>
      {identifier && !identifier.success ? (
        <Notice tone="error" role="alert" title={identifier.error.issues[0]?.message ?? "Invalid input."}>
          <p>
            Nothing was read from the table.{" "}
            <Link href="/verification-tokens" className="font-medium text-accent hover:underline">
              Show all tokens
            </Link>
          </p>
        </Notice>
      ) : identifier?.data ? (
        <Suspense key={`identifier:${identifier.data}`} fallback={<DataTableSkeleton columns={3} rows={3} />}>
          <TokensFor operator={operator} identifier={identifier.data} />
        </Suspense>
      ) : (
        <Suspense key={`${pageSize}:${cursor}`} fallback={<DataTableSkeleton columns={3} rows={pageSize > 25 ? 12 : 8} />}>
          <TokenList operator={operator} pageSize={pageSize} cursor={cursor} />
        </Suspense>
      )}
    </>
  );
}

async function TokenList({ operator, pageSize, cursor }: { operator: Operator; pageSize: number; cursor?: string }) {
  let page: Awaited<ReturnType<typeof listVerificationTokens>>;
  try {
    page = await listVerificationTokens(operator, { pageSize, cursor });
  } catch (error) {
    if (error instanceof CursorError) {
      return <StaleCursor message={error.message} firstPage={hrefWith("/verification-tokens", { pageSize: pageSize === 25 ? undefined : pageSize })} />;
    }
    if (error instanceof RateLimitedError) {
      return (
        <ReadBudgetNotice
          title="The sign-in tokens list was not read"
          message={error.message}
          retryHref={hrefWith("/verification-tokens", { pageSize: pageSize === 25 ? undefined : pageSize, cursor })}
        />
      );
    }
    throw error;
  }
  // A page can come back empty with more to read when the Scan spent its budget before finding any.
  const emptyMessage = page.nextCursor
    ? "None in this stretch of the table; Next reads on."
    : page.page > 1
      ? "No more tokens."
      : "No sign-in links pending. A token appears when someone asks for a magic link and goes when the link is used.";
  return (
    <>
      <PendingTokensTable rows={page.rows} now={page.now} caption="Pending sign-in tokens" emptyMessage={emptyMessage} />
      <DataTablePagination {...pagingLinks("/verification-tokens", {}, pageSize, page)} itemLabel="token" shown={page.rows.length} />
      <QueryMeter entries={page.meter} note="Scan on the VT# partition-key prefix with a projection" />
    </>
  );
}

async function TokensFor({ operator, identifier }: { operator: Operator; identifier: string }) {
  const { rows, meter, now } = await tokensForIdentifier(operator, identifier);
  return (
    <section aria-labelledby="tokens-for-heading">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="tokens-for-heading" className="text-base font-semibold">
          Tokens for <span className="font-mono text-sm">{identifier}</span>
        </h2>
        <Link href="/verification-tokens" className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
          <span className="icon icon-chevron-left" aria-hidden />
          Show all
        </Link>
      </div>
      <PendingTokensTable
        rows={rows}
        now={now}
        caption={`Pending sign-in tokens for ${identifier}`}
        emptyMessage={`No sign-in links pending for ${identifier}. Identifiers match exactly, and Auth.js stores emails in lower case.`}
      />
      <QueryMeter entries={meter} note={`One Query on VT#${identifier}`} />
    </section>
  );
}
