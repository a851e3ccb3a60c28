import type { Operator } from "@/lib/auth/principal";
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
  "create-api-key",
  "revoke-api-key",
  "api-read",
  "list-job",
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
  /** For create/revoke-api-key: the key's id and name (never the key or its hash). */
  apiKeyId?: string;
  apiKeyName?: string;
  /** Act on a list: the job, on its batch entry and on each user's entry; the list by fingerprint, never the list. */
  jobId?: string;
  listFingerprint?: string;
}

/** The API key an action came through, by id and name. */
export interface ActorKey {
  id: string;
  name: string;
}

/** Edit user: the edited fields before and after (names, emails, URLs, times: never secrets). */
export interface AuditChanges {
  before: Record<string, string | null>;
  after: Record<string, string | null>;
}

export interface Actor {
  /** A console operator's email, or the creator's for an API key. */
  email: string;
  role: string;
  apiKey?: ActorKey;
}

export interface AuditEntry {
  id: string;
  at: string;
  operatorEmail: string;
  operatorRole: string;
  /** Set when the action came through the management API. */
  apiKey?: ActorKey;
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

/** When an entry last happened: a collapsed entry's latest repeat, any other entry's own time. */
export const latestTime = (entry: Pick<AuditEntry, "at" | "lastAt">): string => entry.lastAt ?? entry.at;

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

/**
 * Who a collapsed entry counts (lib/audit/writer.ts): someone not signed in (a refused
 * sign-in), a console operator, or an API key. Kept in clear in the entry's key, so repeats of
 * one kind can never be counted under an entry of another.
 */
export type PrincipalKind = "visitor" | "operator" | "api-key";

/** An actor of a collapsed entry: who, and of which kind. */
export type CollapsedActor = Actor & { kind: PrincipalKind };

/** Who an entry is attributed to: an operator by email and role, an API key by its creator's email, its id and name. */
export function actorOf(who: Actor | Operator): Actor {
  if ("kind" in who && who.kind === "api-key") return { email: who.email, role: "api-key", apiKey: { id: who.keyId, name: who.name } };
  return "apiKey" in who && who.apiKey ? { email: who.email, role: who.role, apiKey: who.apiKey } : { email: who.email, role: who.role };
}
