"use client";

import Link from "next/link";
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditEntry } from "@/lib/audit/entry";
import { EntryDetails } from "./entry-details";
import { compactCounts, type EntryLabels, type UndoState } from "./entry-labels";
import { UndoEntryButton } from "./undo-entry-button";

const MAX_FINGERPRINTS = 3;

const dash = <span className="text-fg-muted">—</span>;

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
  return parts.length ? <span className="audit-target">{parts}</span> : dash;
}

/**
 * The audit table's rows, in the columns' order (audit-table.tsx): time, operator, action,
 * target, reason, result, counts, actions. Drawn here from the entries the Details buttons need
 * anyway, so each row goes out as HTML once plus its entry, not as HTML and RSC payload. What
 * the server can decide once (the tones, which entries may be undone) comes decided, so that
 * this page's JS stays small.
 */
export function AuditRows({ entries, now, undo, labels }: { entries: AuditEntry[]; now: number; undo: Record<string, UndoState>; labels: EntryLabels }) {
  return entries.map((entry, index) => {
    // A collapsed entry shows its latest repeat, where the list places it; its first is in the title.
    // (latestTime's rule, written out: lib/audit/entry.ts holds zod, which must not ship to the browser.)
    const at = entry.lastAt ?? entry.at;
    const first = entry.lastAt ? entry.at : null;
    const { label, tone } = labels.results[entry.result] ?? { label: entry.result, tone: "neutral" as const };
    const counts = compactCounts(entry.counts);
    return (
      <tr key={entry.id} className="audit-row" {...(index === 0 ? { tabIndex: 0 } : {})}>
        <td>
          <span className="audit-stack">
            <RelativeTime epochMs={Date.parse(at)} serverNow={now} />
            <span className="audit-stamp" title={first ? `latest ${at}, first ${first}` : at}>
              {at.slice(0, 16).replace("T", " ")}
            </span>
          </span>
        </td>
        <td>
          <span className="audit-operator">
            <span>{entry.operatorEmail}</span>
            <Badge tone={labels.roleTones[entry.operatorRole] ?? "warning"} compact>
              {entry.operatorRole === "none" ? "no role" : entry.operatorRole}
            </Badge>
            {entry.apiKey ? (
              <span className="text-[11px] text-fg-muted" title={`API key ${entry.apiKey.id}`}>
                via key <span className="font-medium text-fg">{entry.apiKey.name}</span> <span className="font-mono">{entry.apiKey.id.slice(0, 8)}</span>
              </span>
            ) : null}
          </span>
        </td>
        <td>
          <Badge tone={labels.actionTones[entry.action] ?? "neutral"}>{entry.action}</Badge>
        </td>
        <td className="whitespace-normal">
          <TargetCell entry={entry} />
        </td>
        <td>
          {entry.reason ? (
            <span className="audit-reason" title={entry.reason}>
              {entry.reason}
            </span>
          ) : (
            dash
          )}
        </td>
        <td>
          <Badge tone={tone} title={entry.message ?? undefined}>
            {label}
          </Badge>
        </td>
        <td className="whitespace-normal">
          {counts.length ? (
            <span className="audit-counts">
              {counts.map((pair, i) => (
                <Fragment key={pair}>
                  {i > 0 ? " · " : null}
                  <span className="whitespace-nowrap">{pair}</span>
                </Fragment>
              ))}
            </span>
          ) : (
            dash
          )}
        </td>
        <td className="text-right">
          <span className="audit-actions">
            {undo[entry.id] === "undone" ? (
              <Badge title="An undo of this entry succeeded">undone</Badge>
            ) : undo[entry.id] === "undo" ? (
              <UndoEntryButton entry={entry} now={now} />
            ) : null}
            <EntryDetails entry={entry} />
          </span>
        </td>
      </tr>
    );
  });
}
