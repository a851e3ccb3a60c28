import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CircleCheck, Play, Stethoscope } from "lucide-react";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { mayAct } from "@/lib/auth/may-act";
import { requireOperator, type Operator } from "@/lib/auth/operator";
import { runDoctor } from "@/lib/dal/doctor";
import { getOverview } from "@/lib/dal/overview";
import { productTableSize } from "@/lib/dal/table-size";
import { formatBytes, formatCount } from "@/lib/format";
import { param, type SearchParams } from "@/lib/search-params";
import { TableHealthCard } from "../table-health-card";
import { FindingCard } from "./finding-card";

export const metadata: Metadata = { title: "Doctor" };

const METER_NOTE = "One projected parallel Scan of the product table, up to 4 segments side by side (keys, index keys, type, email, userId, expires; never tokens); BatchGetItem only to confirm orphans when the Scan was cut short";

export default async function DoctorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  const run = param(params, "run") === "1";
  const again = param(params, "again", 32) ?? "";
  return (
    <>
      <PageHeader
        title="Doctor"
        description="What is wrong with the tables: their schema, and the data the adapter left behind (orphans, shared emails, missing index keys, expired items)."
      />
      <section aria-labelledby="schema-checks" className="mb-8">
        <h2 id="schema-checks" className="mb-3 text-sm font-semibold text-fg-muted uppercase">
          Schema checks
        </h2>
        <Suspense fallback={<div className="h-40 animate-pulse rounded-lg bg-muted" />}>
          <SchemaChecks operator={operator} />
        </Suspense>
      </section>
      <section aria-labelledby="data-checks">
        <h2 id="data-checks" className="mb-3 text-sm font-semibold text-fg-muted uppercase">
          Data checks
        </h2>
        {run ? (
          <Suspense key={again} fallback={<DataChecksSkeleton />}>
            <DataChecks operator={operator} />
          </Suspense>
        ) : (
          <Suspense fallback={<div className="h-28 animate-pulse rounded-lg bg-muted" />}>
            <RunPrompt operator={operator} />
          </Suspense>
        )}
      </section>
    </>
  );
}

async function SchemaChecks({ operator }: { operator: Operator }) {
  const overview = await getOverview(operator);
  return (
    <div className="space-y-5">
      {overview.tables.map((table) => (
        <TableHealthCard key={table.tableName} table={table} />
      ))}
    </div>
  );
}

/** The full Scan is costly, so it runs only when asked, with its cost estimated first. */
async function RunPrompt({ operator }: { operator: Operator }) {
  const size = await productTableSize(operator);
  return (
    <div className="flex flex-wrap items-center justify-between gap-4 rounded-lg border border-border bg-surface px-5 py-4">
      <div className="min-w-0 space-y-1 text-sm">
        <p className="font-medium">The data checks read the whole product table.</p>
        <p className="text-fg-muted">
          About {formatCount(size.itemCount)} items ({formatBytes(size.sizeBytes)}): roughly {formatCount(size.fullScanReadUnits)} read units. DynamoDB refreshes
          these numbers about every 6 hours. At most 200,000 items are read per run.
        </p>
      </div>
      <Link href="/doctor?run=1" className={buttonClasses({ variant: "primary", size: "md" })}>
        <Play className="size-4" aria-hidden />
        Run the doctor
      </Link>
    </div>
  );
}

function DataChecksSkeleton() {
  return (
    <div role="status" aria-busy="true" className="animate-pulse space-y-4">
      <span className="sr-only">Scanning the table…</span>
      <div className="h-5 w-72 rounded bg-muted" />
      <div className="h-32 rounded-lg bg-muted" />
      <div className="h-32 rounded-lg bg-muted" />
    </div>
  );
}

async function DataChecks({ operator }: { operator: Operator }) {
  const report = await runDoctor(operator, {});
  const canAct = mayAct(operator);
  const problems = report.findings.filter((finding) => finding.count > 0);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="inline-flex flex-wrap items-center gap-2 text-fg-muted">
          <Stethoscope className="size-4" aria-hidden />
          Read {formatCount(report.scanned)} items
          {report.complete ? <Badge tone="success">whole table</Badge> : <Badge tone="warning">cut short</Badge>}
        </p>
        <Link href={`/doctor?run=1&again=${report.now}`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Run again
        </Link>
      </div>
      {!report.complete ? (
        <Notice tone="warning" title={`Only the first ${formatCount(report.scanned)} items were read`}>
          <p>
            The table is larger than one run reads ({formatCount(report.budget)} items). Counts cover the part read; orphans were confirmed by reading their user items.
            Use <code className="font-mono text-xs text-fg">npm run doctor</code> or repair and run again.
          </p>
        </Notice>
      ) : null}
      {problems.length === 0 ? (
        <Notice title="No problems found">
          <p className="inline-flex items-center gap-1.5">
            <CircleCheck className="size-3.5 text-success" aria-hidden />
            No orphaned accounts or sessions, no users sharing an email, every user item has its index keys, and nothing expired is waiting for TTL.
          </p>
        </Notice>
      ) : (
        problems.map((finding) => <FindingCard key={finding.id} finding={finding} canAct={canAct} />)
      )}
      {problems.length > 0 && problems.length < report.findings.length ? (
        <p className="text-xs text-fg-muted">
          Nothing found for: {report.findings.filter((finding) => finding.count === 0).map((finding) => finding.title.toLowerCase()).join(", ")}.
        </p>
      ) : null}
      <QueryMeter entries={report.meter} note={METER_NOTE} />
    </div>
  );
}
