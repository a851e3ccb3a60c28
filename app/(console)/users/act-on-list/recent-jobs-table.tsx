import Link from "next/link";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { StaticDataTable } from "@/components/data-table/static-data-table";
import { StaticRelativeTime } from "@/components/ui/static-relative-time";
import { blockDurations } from "@/lib/features/block/durations";
import { listActionLabels } from "@/lib/features/list-jobs/entries";
import type { ListJobStatus } from "@/lib/features/list-jobs/status";
import { formatCount } from "@/lib/format/format";
import { JobStateBadge, jobStateOf } from "./job-state";

const col = createColumnHelper<typeof features, ListJobStatus>();
const jobHref = (id: string) => `/users/act-on-list?job=${encodeURIComponent(id)}`;

function columns(now: number, currentId: string | undefined, operatorEmail: string) {
  return col.columns([
    col.accessor("action", {
      header: "Action",
      enableHiding: false,
      cell: ({ row }) => {
        const duration = row.original.for ? blockDurations.find((d) => d.value === row.original.for) : null;
        return (
          <span className="font-medium">
            {listActionLabels[row.original.action]}
            {duration ? <span className="font-normal text-fg-muted"> ({duration.value === "permanent" ? "permanent" : duration.label})</span> : null}
          </span>
        );
      },
    }),
    col.accessor("createdBy", {
      header: "Created by",
      cell: ({ row }) => (row.original.apiKey ? `${row.original.apiKey.name} (API key of ${row.original.createdBy})` : row.original.createdBy),
    }),
    col.accessor("createdAt", { header: "When", cell: (info) => <StaticRelativeTime epochMs={Date.parse(info.getValue())} now={now} /> }),
    col.accessor("processed", {
      header: "Progress",
      // The job on this page moves on while this table stands still.
      cell: ({ row }) =>
        row.original.id === currentId ? (
          <span className="text-xs text-fg-muted">shown above</span>
        ) : (
          <span className="inline-flex items-center gap-2 tabular-nums">
            {formatCount(row.original.processed)} of {formatCount(row.original.total)}
            <JobStateBadge state={jobStateOf(row.original, null)} />
          </span>
        ),
    }),
    col.accessor("reason", { header: "Reason", cell: (info) => <span className="line-clamp-1 max-w-64">{info.getValue()}</span> }),
    col.display({
      id: "open",
      header: () => <span className="sr-only">Open</span>,
      meta: { label: "Open", className: "text-right" },
      enableHiding: false,
      cell: ({ row }) =>
        row.original.id === currentId ? null : (
          <Link href={jobHref(row.original.id)} className="font-medium text-accent hover:underline">
            {row.original.state === "running" && !row.original.apiKey && row.original.createdBy === operatorEmail ? "Open to resume" : "Open"}
            <span className="sr-only">
              : {listActionLabels[row.original.action]}, {new Date(row.original.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
            </span>
          </Link>
        ),
    }),
  ]);
}

/**
 * The latest list jobs (console and API), newest first, each opening its page (where only its
 * creator can resume it) from its own Open link. A static table: this page's first-load
 * JavaScript goes to the composer above it.
 */
export function RecentJobsTable({ jobs, now, currentId, operatorEmail }: { jobs: ListJobStatus[]; now: number; currentId?: string; operatorEmail: string }) {
  return (
    <StaticDataTable
      caption="Recent list jobs"
      columns={columns(now, currentId, operatorEmail)}
      data={jobs}
      getRowId={(j) => j.id}
      emptyMessage="No list jobs yet."
    />
  );
}
