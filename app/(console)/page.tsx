import type { Metadata } from "next";
import { Suspense } from "react";
import { GuardStatusLine } from "@/components/guard-status-line";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { getGuardStatus } from "@/lib/features/guard/heartbeats";
import { getOverview } from "@/lib/features/overview/server";
import { ActivityTiles } from "./activity-tiles";
import { EntityCounts } from "./entity-counts";
import { TableHealthCard } from "./table-health-card";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const operator = await requireOperator();
  return (
    <Suspense fallback={<OverviewSkeleton />}>
      <Overview operator={operator} />
    </Suspense>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-busy="true" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-7 w-48 rounded bg-muted" />
      <div className="h-4 w-80 rounded bg-muted" />
      <div className="h-40 rounded-lg bg-muted" />
      <div className="h-40 rounded-lg bg-muted" />
    </div>
  );
}

async function Overview({ operator }: { operator: Operator }) {
  const overview = await getOverview(operator);
  const product = overview.tables[0];
  // Without the product table there is no heartbeat to read.
  const guard = product?.exists ? await getGuardStatus(operator) : null;
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="icon icon-database size-3.5" aria-hidden />
            <span data-testid="engine-location">{overview.location}</span>
            {overview.readOnly ? <Badge tone="warning">read-only mode</Badge> : null}
          </span>
        }
      />
      <div className="space-y-5">
        {product?.exists ? <ActivityTiles operator={operator} /> : null}
        {guard ? (
          <Card aria-labelledby="guard-heading">
            <CardHeader
              title={<span id="guard-heading">Guard</span>}
              description="gatehouse-guard in the product's Auth.js makes blocks and revocation stick; it writes a heartbeat into the product table."
            />
            <div className="px-5 py-4">
              <GuardStatusLine status={guard} />
            </div>
          </Card>
        ) : null}
        {overview.tables.map((table) => (
          <TableHealthCard key={table.tableName} table={table} />
        ))}
        {product?.exists ? <EntityCounts approximateItems={product.itemCount ?? 0} fullScanReadUnits={Math.ceil((product.sizeBytes ?? 0) / 4096 / 2)} /> : null}
      </div>
    </>
  );
}
