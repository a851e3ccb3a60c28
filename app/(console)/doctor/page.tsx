import type { Metadata } from "next";
import { Suspense } from "react";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { mayAct } from "@/lib/auth/may-act";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { lastDoctorReport, type StoredDoctorReport } from "@/lib/features/doctor/server";
import { getOverview } from "@/lib/features/overview/server";
import { productTableSize } from "@/lib/features/overview/table-size";
import { formatBytes, formatCount } from "@/lib/format/format";
import { TableHealthCard } from "../table-health-card";
import { FindingCard } from "./finding-card";
import { RunDoctorButton } from "./run-doctor-button";

export const metadata: Metadata = { title: "Doctor" };

const METER_NOTE =
  "What the last run read: one projected parallel Scan of the product table, up to 4 segments side by side (keys, index keys, type, email, userId, expires; never tokens); BatchGetItem only to confirm orphans when the Scan was cut short";

export default async function DoctorPage() {
  const operator = await requireOperator();
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
        <Suspense fallback={<div className="skeleton-block h-40" />}>
          <SchemaChecks operator={operator} />
        </Suspense>
      </section>
      <section aria-labelledby="data-checks">
        <h2 id="data-checks" className="mb-3 text-sm font-semibold text-fg-muted uppercase">
          Data checks
        </h2>
        <Suspense fallback={<DataChecksSkeleton />}>
          <DataChecks operator={operator} />
        </Suspense>
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

function DataChecksSkeleton() {
  return (
    <div role="status" aria-busy="true" className="animate-pulse space-y-4">
      <span className="sr-only">Loading the last result…</span>
      <div className="h-20 rounded-lg bg-muted" />
      <div className="h-32 rounded-lg bg-muted" />
    </div>
  );
}

/**
 * The full Scan is costly, so a visit shows the last run's result (kept in the Gatehouse
 * table) and the Scan runs only when asked, with its cost estimated first.
 */
async function DataChecks({ operator }: { operator: Operator }) {
  const [size, report] = await Promise.all([productTableSize(operator), lastDoctorReport(operator)]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-border bg-surface px-5 py-4">
        <div className="min-w-0 space-y-1 text-sm">
          {report ? (
            <p className="inline-flex flex-wrap items-center gap-2 font-medium" data-testid="doctor-last-run">
              <span className="icon icon-stethoscope" aria-hidden />
              Last run <RelativeTime epochMs={Date.parse(report.at)} serverNow={Date.now()} /> by {report.by}: read {formatCount(report.scanned)} items (
              {formatCount(report.readUnits)} RCU)
              {report.complete ? <Badge tone="success">whole table</Badge> : <Badge tone="warning">cut short</Badge>}
            </p>
          ) : (
            <p className="font-medium">The doctor has not run on this table yet. The data checks read the whole product table.</p>
          )}
          <p className="text-fg-muted">
            A run reads about {formatCount(size.itemCount)} items ({formatBytes(size.sizeBytes)}): roughly {formatCount(size.fullScanReadUnits)} read units,
            counted against your read budget. DynamoDB refreshes these numbers about every 6 hours. At most 200,000 items are read per run; a run replaces the
            result shown here.
          </p>
        </div>
        <RunDoctorButton again={report !== null} />
      </div>
      {report ? <LastResult report={report} canAct={mayAct(operator)} /> : null}
    </div>
  );
}

function LastResult({ report, canAct }: { report: StoredDoctorReport; canAct: boolean }) {
  const problems = report.findings.filter((finding) => finding.count > 0);
  return (
    <>
      {!report.complete ? (
        <Notice tone="warning" title={`Only the first ${formatCount(report.scanned)} items were read`}>
          <p>
            The table is larger than one run reads ({formatCount(report.budget)} items). Counts cover the part read; orphans were confirmed by reading their
            user items. Use <code className="font-mono text-xs text-fg">npm run doctor</code> or repair and run again.
          </p>
        </Notice>
      ) : null}
      {problems.length === 0 ? (
        <Notice title="No problems found">
          <p className="inline-flex items-center gap-1.5">
            <span className="icon icon-circle-check size-3.5 text-success" aria-hidden />
            No orphaned accounts or sessions, no users sharing an email, every user item has its index keys, and nothing expired is waiting for TTL.
          </p>
        </Notice>
      ) : (
        problems.map((finding) => <FindingCard key={finding.id} finding={finding} canAct={canAct} />)
      )}
      {problems.length > 0 && problems.length < report.findings.length ? (
        <p className="text-xs text-fg-muted">
          Nothing found for:{" "}
          {report.findings
            .filter((finding) => finding.count === 0)
            .map((finding) => finding.title.toLowerCase())
            .join(", ")}
          .
        </p>
      ) : null}
      <QueryMeter entries={report.meter} note={METER_NOTE} />
    </>
  );
}
