"use client";

import Link from "next/link";
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { type AuditRow, rowTime } from "./audit-row";
import { EntryDetails } from "./entry-details";
import type { EntryLabels } from "./entry-labels";
import { UndoEntryButton } from "./undo-entry-button";

const dash = <span className="text-fg-muted">—</span>;

const shortId = (id: string) => (id.length > 14 ? `${id.slice(0, 12)}…` : id);

/** `2026-12-07T16:57:04.243Z` → `2026-12-07 16:57`. */
const stamp = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** Past this many characters a reason is cut off by the column (`.audit-reason`) and gets its whole text as a tooltip. */
const SHORT_REASON = 20;

function TargetCell({ row }: { row: AuditRow }) {
  const parts: React.ReactNode[] = [];
  if (row.u) {
    const href = `/users/${encodeURIComponent(row.u)}`;
    parts.push(
      row.m ? (
        <Link key="user" href={href}>
          {row.m}
        </Link>
      ) : (
        <Link key="user" href={href} className="font-mono text-xs" title={row.u}>
          {shortId(row.u)}
        </Link>
      ),
    );
  } else if (row.m) {
    parts.push(<span key="email">{row.m}</span>);
  }
  if (row.mu) {
    parts.push(
      <span key="merged" className="audit-note" title={row.mu}>
        {`merged ${row.me ?? shortId(row.mu)}`}
      </span>,
    );
  }
  if (row.p) parts.push(<span key="account" className="audit-account">{`${row.p}:${row.pa ?? ""}`}</span>);
  if (row.fp) {
    // Each in a span that does not wrap (.audit-fingerprints > span): a fingerprint breaks as a whole.
    parts.push(
      <span key="fingerprints" className="audit-fingerprints">
        {row.fp.map((fp, index) => (
          <Fragment key={fp}>
            {index > 0 ? " " : null}
            <span>{`…${fp}`}</span>
          </Fragment>
        ))}
        {row.n ? <b>{` +${row.n}`}</b> : null}
      </span>,
    );
  }
  if (row.pe) parts.push(<span key="previous" className="audit-note">{`was ${row.pe}`}</span>);
  if (row.ki) {
    parts.push(
      <span key="api-key" className="audit-note" title={`API key ${row.ki}`}>
        {`key ${row.kn ?? row.ki.slice(0, 8)}`}
      </span>,
    );
  }
  if (row.e) parts.push(<span key="entry" className="audit-note" title={row.e}>{`undoes ${stamp(row.e)}`}</span>);
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
    const at = rowTime(row);
    const { label, tone } = labels.results[row.s] ?? { label: row.s, tone: "neutral" as const };
    return (
      <tr key={row.i} {...(index === 0 ? { tabIndex: 0 } : {})}>
        <td>
          {/* Its tooltip, once hydrated, is the time in the operator's own zone. */}
          <RelativeTime epochMs={Date.parse(at)} serverNow={now} />
          <span className="audit-stamp" title={row.f ? `latest ${at}, first ${row.f}` : undefined}>
            {stamp(at)}
          </span>
        </td>
        <td>
          <span className="audit-operator">
            <span>{row.o}</span>
            {row.k ? (
              <span className="audit-note">
                via key <b>{row.k}</b>
              </span>
            ) : (
              <Badge tone={labels.roleTones[row.r ?? ""] ?? "warning"} compact>
                {!row.r || row.r === "none" ? "no role" : row.r}
              </Badge>
            )}
          </span>
        </td>
        <td>
          <Badge tone={labels.actionTones[row.a] ?? "neutral"}>{row.a}</Badge>
        </td>
        <td>
          <TargetCell row={row} />
        </td>
        <td>
          {row.w ? (
            <span className="audit-reason" title={row.w.length > SHORT_REASON ? row.w : undefined}>
              {row.w}
            </span>
          ) : (
            dash
          )}
        </td>
        <td>
          <Badge tone={tone} title={row.x}>
            {label}
          </Badge>
        </td>
        <td>{row.c ? <span className="audit-counts">{row.c}</span> : dash}</td>
        <td>
          {row.z === "undone" ? (
            <span className="audit-actions">
              <Badge title="An undo of this entry succeeded">undone</Badge>
              <EntryDetails id={row.i} title={`${row.a} · ${label}`} at={at} />
            </span>
          ) : row.z === "undo" ? (
            <span className="audit-actions">
              <UndoEntryButton id={row.i} action={row.a} />
              <EntryDetails id={row.i} title={`${row.a} · ${label}`} at={at} />
            </span>
          ) : (
            <EntryDetails id={row.i} title={`${row.a} · ${label}`} at={at} />
          )}
        </td>
      </tr>
    );
  });
}
