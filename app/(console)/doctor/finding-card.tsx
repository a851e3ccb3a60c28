import Link from "next/link";
import { MergeUsersButton } from "@/components/actions/merge-users-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { type DataFinding, type RepairableFinding, repairableFindings } from "@/lib/features/doctor/findings";
import { formatCount } from "@/lib/format/format";
import { RepairButton } from "./repair-button";

const isRepairable = (id: string): id is RepairableFinding => (repairableFindings as readonly string[]).includes(id);

/** One data finding: how many, a few examples (never a token), and the admin repair when there is one. */
export function FindingCard({ finding, canAct }: { finding: DataFinding; canAct: boolean }) {
  const headingId = `finding-${finding.id}`;
  return (
    <Card aria-labelledby={headingId} data-finding={finding.id}>
      <CardHeader
        title={
          <span id={headingId} className="inline-flex items-center gap-2">
            {finding.title}
            <Badge tone={finding.id === "expired-items" || finding.risk ? "warning" : "danger"} data-testid="finding-count">
              {formatCount(finding.count)}
            </Badge>
          </span>
        }
        description={finding.description}
        actions={
          canAct && finding.repair && isRepairable(finding.id) ? (
            <RepairButton finding={finding.id} count={finding.count} repair={finding.repair} examples={finding.examples} />
          ) : null
        }
      />
      <div className="space-y-3 px-5 py-4 text-sm">
        <div>
          <p className="mb-1.5 text-xs text-fg-muted">
            {finding.count > finding.examples.length ? `${finding.examples.length} of ${formatCount(finding.count)}, for example` : "Found"}
          </p>
          <ul className="space-y-1">
            {finding.examples.map((example) => (
              <li key={example.label} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                <span className="font-mono text-xs break-all">{example.label}</span>
                {example.userIds?.map((id, _, userIds) => (
                  <Link key={id} href={`/users/${encodeURIComponent(id)}`} className="text-xs font-medium text-accent hover:underline">
                    {userIds.length > 1 ? `open user ${id}` : "open user"}
                  </Link>
                ))}
                {canAct && finding.id === "duplicate-emails" && example.userIds && example.userIds.length > 1 ? (
                  <MergeUsersButton start={{ kind: "finding", userIds: example.userIds, label: example.label.replace(/: \d+ users$/, "") }} />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
        {finding.repair ? (
          <p className="text-xs text-fg-muted">
            Repair: {finding.repair}
            {canAct ? "" : " (admins only)"}
          </p>
        ) : null}
        {finding.noRepair ? <p className="text-xs text-fg-muted">No automatic repair: {finding.noRepair}</p> : null}
      </div>
    </Card>
  );
}
