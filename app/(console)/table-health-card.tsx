import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { TableOverview } from "@/lib/features/overview/server";
import { formatBytes, formatCount } from "@/lib/format/format";

function statusTone(status: string | undefined): BadgeTone {
  if (status === "ACTIVE" || status === "ENABLED") return "success";
  if (!status || status === "DISABLED" || status === "missing") return "danger";
  return "warning";
}

function Stat({ label, children, hint }: { label: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-1 text-sm font-medium">{children}</dd>
      {hint ? <dd className="mt-0.5 text-[11px] text-fg-muted">{hint}</dd> : null}
    </div>
  );
}

export function TableHealthCard({ table }: { table: TableOverview }) {
  const indexStatus = table.index?.status ?? "missing";
  return (
    <Card aria-labelledby={`table-${table.tableName}`}>
      <CardHeader
        title={
          <span id={`table-${table.tableName}`} className="font-mono">
            {table.tableName}
          </span>
        }
        description={table.purpose}
        actions={<Badge tone={table.exists ? statusTone(table.status) : "danger"}>{table.exists ? table.status : "missing"}</Badge>}
      />
      {table.exists ? (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Items (approx.)" hint="DynamoDB refreshes this about every 6 hours">
            {formatCount(table.itemCount ?? 0)}
          </Stat>
          <Stat label="Size (approx.)" hint="Same 6-hour refresh">
            {formatBytes(table.sizeBytes ?? 0)}
          </Stat>
          <Stat label="Billing mode">{table.billingMode === "PAY_PER_REQUEST" ? "On-demand" : "Provisioned"}</Stat>
          <Stat label={`Index ${table.keys.indexName}`}>
            <Badge tone={statusTone(indexStatus)}>{indexStatus}</Badge>
          </Stat>
          <Stat label="TTL" hint={table.ttl?.attribute ? `on "${table.ttl.attribute}"` : undefined}>
            <Badge tone={statusTone(table.ttl?.status)}>{table.ttl?.status ?? "DISABLED"}</Badge>
          </Stat>
          <Stat label="Keys">
            <span className="font-mono text-xs">
              {table.keys.partitionKey}/{table.keys.sortKey} · {table.keys.indexPartitionKey}/{table.keys.indexSortKey}
            </span>
          </Stat>
        </dl>
      ) : null}
      {table.findings.length ? (
        <ul className="space-y-3 border-t border-border px-5 py-4" aria-label={`Findings for ${table.tableName}`}>
          {table.findings.map((finding) => (
            <li key={finding.message} className="flex gap-2.5 text-sm">
              {finding.level === "error" ? (
                <span role="img" className="icon icon-circle-exclamation-point mt-0.5 text-danger" aria-label="Error" />
              ) : (
                <span role="img" className="icon icon-triangle-exclamation-point mt-0.5 text-warning" aria-label="Warning" />
              )}
              <div className="min-w-0 space-y-1.5">
                <p>{finding.message}</p>
                <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap text-fg-muted">{finding.fix}</pre>
                {finding.note ? <p className="text-xs text-fg-muted">{finding.note}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="border-t border-border px-5 py-3 text-xs text-success">
          No problems found: keys, index and TTL are as the adapter expects{table.stream ? ", and the stream carries new and old images" : ""}.
        </p>
      )}
    </Card>
  );
}
