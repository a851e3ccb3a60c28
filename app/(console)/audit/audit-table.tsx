import Link from "next/link";
import { Fragment } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { type AuditAction, type AuditEntry, type AuditResult, latestTime } from "@/lib/audit/entry";
import { EntryDetails } from "./entry-details";
import { UndoEntryButton } from "./undo-entry-button";

const col = createColumnHelper<typeof features, AuditEntry>();

export const actionTones: Record<AuditAction, BadgeTone> = {
  "sign-in": "neutral",
  "sign-out": "neutral",
  "sign-in-refused": "neutral",
  "revoke-session": "danger",
  "revoke-all-sessions": "danger",
  "revoke-selected": "danger",
  "unlink-account": "danger",
  "delete-user": "danger",
  "purge-expired": "warning",
  "repair-table": "warning",
  undo: "accent",
  "revoke-own-session": "neutral",
  "block-user": "danger",
  "unblock-user": "accent",
  "edit-user": "warning",
  "create-user": "accent",
  "send-sign-in-link": "neutral",
  "export-user": "neutral",
  "merge-users": "danger",
  "create-api-key": "warning",
  "revoke-api-key": "accent",
  "api-read": "neutral",
  "list-job": "danger",
};

export const results: Record<AuditResult, { label: string; tone: BadgeTone }> = {
  ok: { label: "ok", tone: "success" },
  partial: { label: "partial", tone: "warning" },
  failed: { label: "failed", tone: "danger" },
  refused: { label: "refused", tone: "warning" },
  started: { label: "in progress", tone: "neutral" },
};

const roleTones: Record<string, BadgeTone> = { admin: "accent", viewer: "neutral", "api-key": "neutral" };

const MAX_FINGERPRINTS = 3;

/** Tighter than DataTable's default padding: eight columns share the width. */
const cellPadding = "px-2 first:pl-3 last:pr-3";

/** "verificationTokens" → "verification tokens". */
const words = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** Zero counts are left out, except "remaining": a zero there is the news. The details show them all. */
export function compactCounts(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([key, value]) => value !== 0 || key === "remaining")
    .map(([key, value]) => `${words(key)} ${value}`);
}

/** Unlinks and deletions keep what they removed for a while; an undo needs it still kept and the action to have removed something. */
function undoable(entry: AuditEntry, now: number) {
  return (
    (entry.action === "unlink-account" || entry.action === "delete-user" || entry.action === "edit-user" || entry.action === "merge-users") &&
    (entry.result === "ok" || entry.result === "partial") &&
    entry.undoUntil !== null &&
    Date.parse(entry.undoUntil) > now
  );
}

function shortId(id: string) {
  return id.length > 14 ? `${id.slice(0, 12)}…` : id;
}

function TargetCell({ entry }: { entry: AuditEntry }) {
  const { target } = entry;
  const parts: React.ReactNode[] = [];
  if (target.userId) {
    parts.push(
      <Link
        key="user"
        href={`/users/${encodeURIComponent(target.userId)}`}
        title={target.email ? `${target.email} (${target.userId})` : target.userId}
        className={target.email ? "font-medium hover:underline" : "font-mono text-xs hover:underline"}
      >
        {target.email ?? shortId(target.userId)}
      </Link>,
    );
  } else if (target.email) {
    parts.push(<span key="email">{target.email}</span>);
  }
  if (target.mergedUserId) {
    parts.push(
      <span key="merged" className="text-xs text-fg-muted" title={target.mergedUserId}>
        merged {target.mergedEmail ?? shortId(target.mergedUserId)}
      </span>,
    );
  }
  if (target.provider) {
    parts.push(
      <span key="account" className="font-mono text-xs break-all">
        {target.provider}:{target.providerAccountId}
      </span>,
    );
  }
  const fingerprints = target.fingerprints ?? [];
  if (fingerprints.length) {
    const rest = fingerprints.length - MAX_FINGERPRINTS;
    parts.push(
      <span key="fingerprints" className="font-mono text-[11px] text-fg-muted" title={`Session fingerprints: ${fingerprints.join(", ")}`}>
        {fingerprints.slice(0, MAX_FINGERPRINTS).map((fp, index) => (
          <Fragment key={fp}>
            {index > 0 ? " " : null}
            <span className="whitespace-nowrap">…{fp}</span>
          </Fragment>
        ))}
        {rest > 0 ? <span className="ml-1 font-sans font-medium whitespace-nowrap text-fg">+{rest}</span> : null}
      </span>,
    );
  }
  if (target.previousEmail) {
    parts.push(
      <span key="previous" className="text-xs text-fg-muted break-all">
        was {target.previousEmail}
      </span>,
    );
  }
  if (target.apiKeyId) {
    parts.push(
      <span key="api-key" className="text-xs" title={`API key ${target.apiKeyId}`}>
        key {target.apiKeyName ? <span className="font-medium">{target.apiKeyName}</span> : null}{" "}
        <span className="font-mono text-fg-muted">{target.apiKeyId.slice(0, 8)}</span>
      </span>,
    );
  }
  if (target.entryId) {
    parts.push(
      <span key="entry" className="text-xs text-fg-muted" title={target.entryId}>
        undoes {target.entryId.slice(0, 16).replace("T", " ")}
      </span>,
    );
  }
  if (parts.length === 0) return <span className="text-fg-muted">—</span>;
  return <span className="flex max-w-56 min-w-36 flex-col items-start gap-0.5 leading-tight">{parts}</span>;
}

function columns(now: number, canUndo: boolean, undone: ReadonlySet<string>) {
  return col.columns([
    // A collapsed entry shows its latest repeat, where the list places it; its first is in the title.
    col.accessor((entry) => latestTime(entry), {
      id: "at",
      header: "Time",
      enableHiding: false,
      meta: { padding: cellPadding },
      cell: (info) => {
        const at = info.getValue();
        const first = info.row.original.lastAt ? info.row.original.at : null;
        return (
          <span className="flex flex-col leading-tight">
            <RelativeTime epochMs={Date.parse(at)} serverNow={now} />
            <span className="font-mono text-[11px] text-fg-muted" title={first ? `latest ${at}, first ${first}` : at}>
              {at.slice(0, 16).replace("T", " ")}
            </span>
          </span>
        );
      },
    }),
    col.accessor("operatorEmail", {
      id: "operator",
      header: "Operator",
      meta: { padding: cellPadding },
      cell: ({ row }) => (
        <span className="flex flex-col items-start gap-0.5 leading-tight">
          <span>{row.original.operatorEmail}</span>
          <Badge tone={roleTones[row.original.operatorRole] ?? "warning"} compact>
            {row.original.operatorRole === "none" ? "no role" : row.original.operatorRole}
          </Badge>
          {row.original.apiKey ? (
            <span className="text-[11px] text-fg-muted" title={`API key ${row.original.apiKey.id}`}>
              via key <span className="font-medium text-fg">{row.original.apiKey.name}</span>{" "}
              <span className="font-mono">{row.original.apiKey.id.slice(0, 8)}</span>
            </span>
          ) : null}
        </span>
      ),
    }),
    col.accessor("action", {
      header: "Action",
      meta: { padding: cellPadding },
      cell: (info) => <Badge tone={actionTones[info.getValue()] ?? "neutral"}>{info.getValue()}</Badge>,
    }),
    col.accessor("target", {
      header: "Target",
      cell: ({ row }) => <TargetCell entry={row.original} />,
      meta: { padding: cellPadding, className: "whitespace-normal" },
    }),
    col.accessor("reason", {
      header: "Reason",
      meta: { padding: cellPadding },
      cell: (info) => {
        const reason = info.getValue();
        return reason ? (
          <span className="block max-w-36 truncate" title={reason}>
            {reason}
          </span>
        ) : (
          <span className="text-fg-muted">—</span>
        );
      },
    }),
    col.accessor("result", {
      header: "Result",
      meta: { padding: cellPadding },
      cell: ({ row }) => {
        const { label, tone } = results[row.original.result] ?? { label: row.original.result, tone: "neutral" as const };
        return (
          <Badge tone={tone} title={row.original.message ?? undefined}>
            {label}
          </Badge>
        );
      },
    }),
    col.accessor("counts", {
      header: "Counts",
      meta: { padding: cellPadding, className: "whitespace-normal" },
      cell: (info) => {
        const pairs = compactCounts(info.getValue());
        if (pairs.length === 0) return <span className="text-fg-muted">—</span>;
        return (
          <span className="block min-w-28 text-xs text-fg-muted">
            {pairs.map((pair, index) => (
              <Fragment key={pair}>
                {index > 0 ? " · " : null}
                <span className="whitespace-nowrap">{pair}</span>
              </Fragment>
            ))}
          </span>
        );
      },
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableHiding: false,
      meta: { label: "Actions", padding: cellPadding, className: "text-right" },
      cell: ({ row }) => {
        const entry = row.original;
        return (
          <span className="flex items-center justify-end gap-1">
            {undone.has(entry.id) ? (
              <Badge title="An undo of this entry succeeded">undone</Badge>
            ) : canUndo && undoable(entry, now) ? (
              <UndoEntryButton entry={entry} now={now} />
            ) : null}
            <EntryDetails entry={entry} />
          </span>
        );
      },
    }),
  ]);
}

export function AuditTable({ entries, now, canUndo, emptyMessage }: { entries: AuditEntry[]; now: number; canUndo: boolean; emptyMessage: string }) {
  // Undos are newer than what they undo, so on a newest-first page they are usually in view too.
  const undone = new Set(entries.flatMap((e) => (e.action === "undo" && e.result === "ok" && e.target.entryId ? [e.target.entryId] : [])));
  return (
    <DataTable caption="Audit log, newest first" columns={columns(now, canUndo, undone)} data={entries} getRowId={(e) => e.id} emptyMessage={emptyMessage} />
  );
}
