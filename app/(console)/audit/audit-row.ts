import { type AuditAction, type AuditEntry, type AuditResult, type AuditTarget, latestTime } from "@/lib/audit/entry";
import { compactCounts, type UndoState } from "./entry-labels";

/** A row shows this many session fingerprints and counts the rest; Details lists them all. */
const SHOWN_FINGERPRINTS = 3;

/** What a row's Target cell shows: the entry's target less the job's ids, with at most three fingerprints. */
export type AuditRowTarget = Omit<AuditTarget, "jobId" | "listFingerprint"> & { moreFingerprints?: number };

/**
 * One row of the audit table: what its columns show, and no more. Who asked from where, an
 * edit's changes and the rest are read when Details or Undo opens (readAuditEntryAction), so a
 * page of 25 entries stays a light page.
 */
export interface AuditRow {
  id: string;
  /** When it last happened: a collapsed entry's latest repeat, where the list places it. */
  at: string;
  /** A collapsed entry's first time. */
  first?: string;
  action: AuditAction;
  operatorEmail: string;
  operatorRole: string;
  apiKey?: { id: string; name: string };
  target: AuditRowTarget;
  reason?: string;
  result: AuditResult;
  /** Shown on the result's badge when something went other than plainly well. */
  message?: string;
  /** "revoked 5 · remaining 0", non-zero counts only (compactCounts). */
  counts?: string;
  undo?: UndoState;
}

/** The row of one entry, made on the server. Fields it lacks are left out, not sent as undefined. */
export function auditRow(entry: AuditEntry, undo: UndoState | undefined): AuditRow {
  const { jobId: _job, listFingerprint: _list, fingerprints = [], ...target } = entry.target;
  const counts = compactCounts(entry.counts);
  return {
    id: entry.id,
    at: latestTime(entry),
    ...(entry.lastAt ? { first: entry.at } : {}),
    action: entry.action,
    operatorEmail: entry.operatorEmail,
    operatorRole: entry.operatorRole,
    ...(entry.apiKey ? { apiKey: entry.apiKey } : {}),
    target: {
      ...target,
      ...(fingerprints.length ? { fingerprints: fingerprints.slice(0, SHOWN_FINGERPRINTS) } : {}),
      ...(fingerprints.length > SHOWN_FINGERPRINTS ? { moreFingerprints: fingerprints.length - SHOWN_FINGERPRINTS } : {}),
    },
    ...(entry.reason ? { reason: entry.reason } : {}),
    result: entry.result,
    ...(entry.message && entry.result !== "ok" ? { message: entry.message } : {}),
    // A no-break space inside each pair: "revoked 5" never splits across lines.
    ...(counts.length ? { counts: counts.map((pair) => pair.replace(" ", "\u00a0")).join(" · ") } : {}),
    ...(undo ? { undo } : {}),
  };
}
