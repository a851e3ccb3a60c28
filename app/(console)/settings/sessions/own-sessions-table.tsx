import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { OwnSession } from "@/lib/features/own-sessions/schema";
import { RevokeOwnSessionButton } from "./revoke-own-session-button";

const col = createColumnHelper<typeof features, OwnSession>();

function columns(now: number) {
  return col.columns([
    col.accessor("browser", {
      header: "Browser",
      enableHiding: false,
      cell: ({ row }) => (
        <span className="flex items-center gap-2">
          <span className="font-medium">{row.original.browser}</span>
          {row.original.current ? <Badge tone="accent">This session</Badge> : null}
        </span>
      ),
    }),
    col.accessor("ip", { header: "IP", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    col.accessor("signedInAt", { header: "Started", cell: (info) => <RelativeTime epochMs={info.getValue()} serverNow={now} /> }),
    col.accessor("lastUsedAt", { header: "Last used", cell: (info) => <RelativeTime epochMs={info.getValue()} serverNow={now} /> }),
    col.accessor("fingerprint", {
      header: "Session",
      cell: (info) => (
        <span className="font-mono text-xs" title="A fingerprint of the session token; the token itself never leaves the server">
          …{info.getValue()}
        </span>
      ),
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { label: "Actions", className: "text-right" },
      enableHiding: false,
      cell: ({ row }) =>
        row.original.current ? <span className="text-xs text-fg-muted">Use Sign out</span> : <RevokeOwnSessionButton session={row.original} now={now} />,
    }),
  ]);
}

export function OwnSessionsTable({ sessions, now }: { sessions: OwnSession[]; now: number }) {
  return <DataTable caption="Your sessions" columns={columns(now)} data={sessions} getRowId={(s) => s.fingerprint} emptyMessage="No console sessions." />;
}
