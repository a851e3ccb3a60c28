"use client";

import Link from "next/link";
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditRow } from "./audit-row";
import { EntryDetails } from "./entry-details";
import type { EntryLabels } from "./entry-labels";
import { UndoEntryButton } from "./undo-entry-button";

const dash = <span className="text-fg-muted">—</span>;

const shortId = (id: string) => (id.length > 14 ? `${id.slice(0, 12)}…` : id);

/** `2026-12-07T16:57:04.243Z` → `2026-12-07 16:57`. */
const stamp = (iso: string) => iso.slice(0, 16).replace("T", " ");

function TargetCell({ target }: { target: AuditRow["target"] }) {
  const parts: React.ReactNode[] = [];
  if (target.userId) {
    parts.push(
      target.email ? (
        <Link key="user" href={`/users/${encodeURIComponent(target.userId)}`}>
          {target.email}
        </Link>
      ) : (
        <Link key="user" href={`/users/${encodeURIComponent(target.userId)}`} className="font-mono text-xs" title={target.userId}>
          {shortId(target.userId)}
        </Link>
      ),
    );
  } else if (target.email) {
    parts.push(<span key="email">{target.email}</span>);
  }
  if (target.mergedUserId) {
    parts.push(
      <span key="merged" className="audit-note" title={target.mergedUserId}>
        {`merged ${target.mergedEmail ?? shortId(target.mergedUserId)}`}
      </span>,
    );
  }
  if (target.provider) {
    parts.push(<span key="account" className="audit-account">{`${target.provider}:${target.providerAccountId ?? ""}`}</span>);
  }
  if (target.fingerprints?.length) {
    // Each in a span that does not wrap (.audit-fingerprints > span): a fingerprint breaks as a whole.
    parts.push(
      <span key="fingerprints" className="audit-fingerprints" title="Session fingerprints">
        {target.fingerprints.map((fp, index) => (
          <Fragment key={fp}>
            {index > 0 ? " " : null}
            <span>{`…${fp}`}</span>
          </Fragment>
        ))}
        {target.moreFingerprints ? <b>{` +${target.moreFingerprints}`}</b> : null}
      </span>,
    );
  }
  if (target.previousEmail) parts.push(<span key="previous" className="audit-note">{`was ${target.previousEmail}`}</span>);
  if (target.apiKeyId) {
    parts.push(
      <span key="api-key" className="audit-note" title={`API key ${target.apiKeyId}`}>
        {`key ${target.apiKeyName ?? target.apiKeyId.slice(0, 8)}`}
      </span>,
    );
  }
  if (target.entryId) parts.push(<span key="entry" className="audit-note" title={target.entryId}>{`undoes ${stamp(target.entryId)}`}</span>);
  return parts.length ? <span className="audit-target">{parts}</span> : dash;
}

/**
 * The audit table's rows, in the columns' order (audit-table.tsx): time, operator, action,
 * target, reason, result, counts, actions. Drawn here from rows that carry only what the columns
 * show (audit-row.ts), so each row goes out as HTML once plus a little data, not as HTML and
 * RSC payload; Details and Undo read the whole entry when opened. The tones come decided from
 * the server (`labels`), so that this page's JS stays small.
 */
export function AuditRows({ rows, now, labels }: { rows: AuditRow[]; now: number; labels: EntryLabels }) {
  return rows.map((row, index) => {
    const { label, tone } = labels.results[row.result] ?? { label: row.result, tone: "neutral" as const };
    return (
      <tr key={row.id} className="audit-row" {...(index === 0 ? { tabIndex: 0 } : {})}>
        <td>
          <span className="audit-stack">
            <RelativeTime epochMs={Date.parse(row.at)} serverNow={now} />
            <span className="audit-stamp" title={row.first ? `latest ${row.at}, first ${row.first}` : row.at}>
              {stamp(row.at)}
            </span>
          </span>
        </td>
        <td>
          <span className="audit-operator">
            <span>{row.operatorEmail}</span>
            {row.apiKey ? (
              <span className="audit-note" title={`API key ${row.apiKey.id}`}>
                via key <b>{row.apiKey.name}</b>
              </span>
            ) : (
              <Badge tone={labels.roleTones[row.operatorRole] ?? "warning"} compact>
                {row.operatorRole === "none" ? "no role" : row.operatorRole}
              </Badge>
            )}
          </span>
        </td>
        <td>
          <Badge tone={labels.actionTones[row.action] ?? "neutral"}>{row.action}</Badge>
        </td>
        <td>
          <TargetCell target={row.target} />
        </td>
        <td>
          {row.reason ? (
            <span className="audit-reason" title={row.reason}>
              {row.reason}
            </span>
          ) : (
            dash
          )}
        </td>
        <td>
          <Badge tone={tone} title={row.message}>
            {label}
          </Badge>
        </td>
        <td>{row.counts ? <span className="audit-counts">{row.counts}</span> : dash}</td>
        <td>
          <span className="audit-actions">
            {row.undo === "undone" ? (
              <Badge title="An undo of this entry succeeded">undone</Badge>
            ) : row.undo === "undo" ? (
              <UndoEntryButton id={row.id} action={row.action} />
            ) : null}
            <EntryDetails id={row.id} title={`${row.action} · ${label}`} at={row.at} />
          </span>
        </td>
      </tr>
    );
  });
}
