import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { z } from "zod";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { StaleCursor } from "@/components/stale-cursor";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import type { MeterEntry } from "@/lib/dynamo/meter";
import { pageSizeSchema } from "@/lib/dynamo/paging";
import { listAccounts, listProviders, lookUpAccount } from "@/lib/features/accounts/server";
import { cn } from "@/lib/format/cn";
import { CursorError } from "@/lib/http/cursor";
import { pagingLinks } from "@/lib/http/paging-links";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { AccountLookup } from "./account-lookup";
import { ProviderAccountsTable } from "./accounts-table";

export const metadata: Metadata = { title: "Accounts" };

const DESCRIPTION = "OAuth and OIDC accounts linked to users, one provider at a time: each page is one GSI1 Query and one BatchGetItem, never a table scan.";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const lookupSchema = z.object({
  provider: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Choose one provider." })
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "That is not a provider id: provider ids are 1 to 64 letters, digits, dots, dashes or underscores.")
      .optional(),
  ),
  account: z.preprocess(
    blankToUndefined,
    z.string({ error: "Give one provider account id." }).trim().max(200, "A provider account id is at most 200 characters.").optional(),
  ),
});

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const pageSize = pageSizeSchema.parse(param(params, "pageSize"));
  const cursor = param(params, "cursor", 16384);

  // Validated before anything is read: a bad provider or account id costs no DynamoDB call.
  const input = lookupSchema.safeParse({ provider: params.provider, account: params.account });
  if (!input.success) {
    return (
      <>
        <PageHeader title="Accounts" description={DESCRIPTION} />
        <Notice tone="error" role="alert" title={input.error.issues[0]?.message ?? "Invalid input."}>
          <p>
            Nothing was read from the table.{" "}
            <Link href="/accounts" className="font-medium text-accent hover:underline">
              Back to accounts
            </Link>
          </p>
        </Notice>
      </>
    );
  }

  const { providers, sampled, meter: providersMeter } = await listProviders(operator);
  const provider = input.data.provider ?? providers[0];
  const account = input.data.account;

  // A provider account id opens its user at once, before anything streams.
  let missed: MeterEntry[] | null = null;
  if (provider && account) {
    const found = await lookUpAccount(operator, provider, account);
    if (found.userId) redirect(`/users/${encodeURIComponent(found.userId)}`);
    missed = found.meter;
  }

  if (!provider) {
    return (
      <>
        <PageHeader title="Accounts" description={DESCRIPTION} />
        <div className="space-y-4">
          <Notice title="No linked accounts were found in a sampled scan">
            <p>
              Users here may all sign in by email, or accounts may be rare enough that the sample missed them. Set{" "}
              <code className="font-mono text-xs text-fg">GATEHOUSE_PROVIDERS</code> (for example{" "}
              <code className="font-mono text-xs text-fg">github,google</code>) to name providers up front, or look one up directly:
            </p>
          </Notice>
          <AccountLookup providers={[]} />
          <QueryMeter entries={providersMeter} note="Sampled Scan for provider names (cached for 10 minutes)" />
        </div>
      </>
    );
  }

  const picker = providers.includes(provider) ? providers : [...providers, provider].sort();
  return (
    <>
      <PageHeader title="Accounts" description={DESCRIPTION} />
      <div className="mb-4 space-y-4">
        <ProviderPicker providers={picker} current={provider} pageSize={pageSize} sampled={sampled} />
        <AccountLookup providers={picker} provider={provider} account={missed ? account : undefined} />
        {missed ? <Notice tone="warning" role="status" title={`No ${provider} account has the id ${account}.`} /> : null}
      </div>
      <Suspense key={`${provider}:${pageSize}:${cursor}`} fallback={<DataTableSkeleton columns={5} rows={pageSize > 25 ? 12 : 8} />}>
        <AccountList operator={operator} provider={provider} pageSize={pageSize} cursor={cursor} before={[...providersMeter, ...(missed ?? [])]} />
      </Suspense>
    </>
  );
}

function ProviderPicker({ providers, current, pageSize, sampled }: { providers: string[]; current: string; pageSize: number; sampled: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <nav aria-label="Providers" className="inline-flex flex-wrap gap-1 rounded-lg border border-border bg-surface p-1">
        {providers.map((p) => (
          <Link
            key={p}
            href={hrefWith("/accounts", { provider: p, pageSize: pageSize === 25 ? undefined : pageSize })}
            aria-current={p === current ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1 text-sm transition-colors",
              p === current ? "bg-accent/10 font-medium text-accent hover:bg-accent/15" : "text-fg-muted hover:bg-muted hover:text-fg",
            )}
          >
            {p}
          </Link>
        ))}
      </nav>
      {sampled ? (
        <p className="text-xs text-fg-muted">
          Providers come from a sample of the table, so rare ones may be missing; <code className="font-mono">GATEHOUSE_PROVIDERS</code> can name them.
        </p>
      ) : null}
    </div>
  );
}

async function AccountList(props: { operator: Operator; provider: string; pageSize: number; cursor?: string; before: MeterEntry[] }) {
  const { operator, provider, pageSize, cursor, before } = props;
  let page: Awaited<ReturnType<typeof listAccounts>>;
  try {
    page = await listAccounts(operator, { provider, pageSize, cursor });
  } catch (error) {
    if (error instanceof CursorError) {
      return <StaleCursor message={error.message} firstPage={hrefWith("/accounts", { provider, pageSize: pageSize === 25 ? undefined : pageSize })} />;
    }
    throw error;
  }
  return (
    <>
      <ProviderAccountsTable
        rows={page.rows}
        now={Date.now()}
        provider={provider}
        emptyMessage={page.page === 1 ? `No users have linked a ${provider} account.` : "No more accounts."}
      />
      <DataTablePagination {...pagingLinks("/accounts", { provider }, pageSize, page)} itemLabel="account" shown={page.rows.length} />
      <QueryMeter entries={[...before, ...page.meter]} note={`GSI1 Query on ACCOUNT#${provider}, users from one BatchGetItem`} />
    </>
  );
}
