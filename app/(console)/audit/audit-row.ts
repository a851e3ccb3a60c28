import type { AuditAction, AuditEntry, AuditResult } from "@/lib/audit/entry";
import { compactCounts, type UndoState } from "./entry-labels";

/** A row shows this many session fingerprints and counts the rest; Details lists them all. */
const SHOWN_FINGERPRINTS = 2;

/**
 * One row of the audit table: what its columns show, and no more. Who asked from where, an
 * edit's changes, the job's ids and the rest are read when Details or Undo opens
 * (readAuditEntryAction). The keys are short because this is the part of the page that grows
 * with the rows: each row goes out as HTML once, plus this. Absent rather than empty.
 */
export interface AuditRow {
  /** The entry's id: `<time>~<request id>`, or a collapsed entry's. */
  i: string;
  /** When it last happened, where it differs from the id's time: a collapsed entry's latest repeat. */
  t?: string;
  /** A collapsed entry's first time. */
  f?: string;
  a: AuditAction;
  /** The operator's email, and their role unless the action came through an API key (`k`, its name). */
  o: string;
  r?: string;
  k?: string;
  /** The target: user id and email, merged user, account, session fingerprints (two, and how many more), previous email, API key, undone entry. */
  u?: string;
  m?: string;
  mu?: string;
  me?: string;
  p?: string;
  pa?: string;
  fp?: string[];
  n?: number;
  pe?: string;
  ki?: string;
  kn?: string;
  e?: string;
  /** Reason, result, and the message where the result is other than plainly ok. */
  w?: string;
  s: AuditResult;
  x?: string;
  /** "revoked 5 · remaining 0": non-zero counts only (compactCounts), each pair unbroken. */
  c?: string;
  z?: UndoState;
}

/** When a row's entry last happened. */
export const rowTime = (row: AuditRow) => row.t ?? row.i.slice(0, row.i.indexOf("~"));

/** Keeps only the fields that have a value, so none goes out as undefined. */
function present<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== "")) as T;
}

/** The row of one entry, made on the server. */
export function auditRow(entry: AuditEntry, undo: UndoState | undefined): AuditRow {
  const { target } = entry;
  // latestTime's rule (lib/audit/entry.ts), written out: that module holds zod, and rowTime above goes to the browser.
  const at = entry.lastAt ?? entry.at;
  const fingerprints = target.fingerprints ?? [];
  const counts = compactCounts(entry.counts);
  return present<AuditRow>({
    i: entry.id,
    t: entry.id.startsWith(`${at}~`) ? undefined : at,
    f: entry.lastAt ? entry.at : undefined,
    a: entry.action,
    o: entry.operatorEmail,
    r: entry.apiKey ? undefined : entry.operatorRole,
    k: entry.apiKey?.name,
    u: target.userId,
    m: target.email,
    mu: target.mergedUserId,
    me: target.mergedEmail,
    p: target.provider,
    pa: target.providerAccountId,
    fp: fingerprints.length ? fingerprints.slice(0, SHOWN_FINGERPRINTS) : undefined,
    n: fingerprints.length > SHOWN_FINGERPRINTS ? fingerprints.length - SHOWN_FINGERPRINTS : undefined,
    pe: target.previousEmail,
    ki: target.apiKeyId,
    kn: target.apiKeyName,
    e: target.entryId,
    w: entry.reason ?? undefined,
    s: entry.result,
    x: entry.message && entry.result !== "ok" ? entry.message : undefined,
    // A no-break space inside each pair: "revoked 5" never splits across lines.
    c: counts.length ? counts.map((pair) => pair.replace(" ", "\u00a0")).join(" · ") : undefined,
    z: undo,
  });
}
