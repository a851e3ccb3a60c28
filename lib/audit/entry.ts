/** What the audit log holds: the actions it names and the shape of an entry. No I/O here. */

export const auditActions = [
  "sign-in",
  "sign-out",
  "sign-in-refused",
  "revoke-session",
  "revoke-all-sessions",
  "revoke-selected",
  "unlink-account",
  "delete-user",
  "purge-expired",
  "repair-table",
  "undo",
  "revoke-own-session",
  "block-user",
  "unblock-user",
  "edit-user",
  "create-user",
  "send-sign-in-link",
  "export-user",
  "merge-users",
] as const;
export type AuditAction = (typeof auditActions)[number];
export type AuditResult = "started" | "ok" | "partial" | "failed" | "refused";

export interface AuditTarget {
  userId?: string;
  email?: string;
  provider?: string;
  providerAccountId?: string;
  /** Session or token fingerprints, never the tokens. */
  fingerprints?: string[];
  /** For undo: the entry undone. */
  entryId?: string;
  /** Edit user: the email the user had before (so a search for the old address finds it). */
  previousEmail?: string;
  /** For merge-users: the user merged into `userId` (and deleted), and their email. */
  mergedUserId?: string;
  mergedEmail?: string;
}

/** Edit user: the edited fields before and after (names, emails, URLs, times: never secrets). */
export interface AuditChanges {
  before: Record<string, string | null>;
  after: Record<string, string | null>;
}

export interface Actor {
  email: string;
  role: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  operatorEmail: string;
  operatorRole: string;
  action: AuditAction;
  target: AuditTarget;
  reason: string | null;
  result: AuditResult;
  counts: Record<string, number>;
  message: string | null;
  requestId: string;
  ip: string;
  userAgent: string;
  /** Set when the action kept what it removed and can be undone until then. */
  undoUntil: string | null;
  /** On a collapsed entry (see recordCollapsedAuditEvent): the latest of its repeats. */
  lastAt: string | null;
  /** Set by Edit user (and its undo): what changed. */
  changes?: AuditChanges | null;
}

export class AuditError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The audit log could not be written, so nothing was changed. Try again.", options);
    this.name = "AuditError";
  }
}

export interface AuditHandle {
  id: string;
  day: string;
  actor: Actor;
}

