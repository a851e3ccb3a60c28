import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ApiKeyStatus } from "@/lib/auth/api-key-policy";
import type { ApiKeyRow } from "@/lib/features/api-keys/schema";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const col = createColumnHelper<typeof features, ApiKeyRow>();
const statusTones: Record<ApiKeyStatus, BadgeTone> = { active: "success", expired: "neutral", revoked: "danger" };

function columns(now: number, canRevoke: boolean) {
  return col.columns([
    col.accessor("name", { header: "Name", enableHiding: false, cell: (info) => <span className="font-medium">{info.getValue()}</span> }),
    col.accessor("id", {
      header: "Id",
      cell: (info) => (
        <span className="font-mono text-xs" title={`Key id ${info.getValue()} (not the key)`}>
          {info.getValue().slice(0, 8)}
        </span>
      ),
    }),
    col.accessor("scopes", {
      header: "Scopes",
      cell: (info) => (
        <span className="flex flex-wrap gap-1">
          {info.getValue().map((scope) => (
            <Badge key={scope} tone={scope === "read" ? "neutral" : "warning"} compact>
              {scope}
            </Badge>
          ))}
        </span>
      ),
    }),
    col.accessor("createdBy", {
      header: "Created",
      cell: ({ row }) => (
        <span className="flex flex-col leading-tight">
          <span>{row.original.createdBy}</span>
          <span className="text-xs text-fg-muted">
            <RelativeTime epochMs={Date.parse(row.original.createdAt)} serverNow={now} />
          </span>
        </span>
      ),
    }),
    col.accessor("lastUsedAt", {
      header: "Last used",
      cell: (info) => {
        const at = info.getValue();
        return at ? <RelativeTime epochMs={Date.parse(at)} serverNow={now} /> : <span className="text-fg-muted">never</span>;
      },
    }),
    col.accessor("expiresAt", { header: "Expires", cell: (info) => <RelativeTime epochMs={Date.parse(info.getValue())} serverNow={now} /> }),
    col.accessor("status", {
      header: "Status",
      cell: ({ row }) => (
        <Badge tone={statusTones[row.original.status]} title={row.original.revokedBy ? `Revoked by ${row.original.revokedBy}` : undefined}>
          {row.original.status}
        </Badge>
      ),
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { label: "Actions", className: "text-right" },
      enableHiding: false,
      cell: ({ row }) => (canRevoke && row.original.status === "active" ? <RevokeApiKeyButton apiKey={row.original} /> : null),
    }),
  ]);
}

export function ApiKeysTable({ keys, now, canRevoke }: { keys: ApiKeyRow[]; now: number; canRevoke: boolean }) {
  return (
    <DataTable
      caption="API keys"
      columns={columns(now, canRevoke)}
      data={keys}
      getRowId={(k) => k.id}
      emptyMessage="No API keys yet. Create one for a script or runbook."
    />
  );
}
