import { z } from "zod";
import type { Operator } from "@/lib/auth/principal";
import { isoTime } from "@/lib/format/wire";
import { type AuditAction, auditActions } from "./actions";

/** What the audit log holds: the actions it names and the shape of an entry. No I/O here. */

export { type AuditAction, auditActions };
export const auditResults = ["started", "ok", "partial", "failed", "refused"] as const;
export type AuditResult = (typeof auditResults)[number];

/** What an entry acted on: ids, emails and fingerprints, never a secret. */
export const auditTargetSchema = z.object({
  userId: z.string().optional(),
  email: z.string().optional(),
  provider: z.string().optional(),
  providerAccountId: z.string().optional(),
  /** Session or token fingerprints, never the tokens. */
  fingerprints: z.array(z.string()).optional(),
  /** For undo: the entry undone. */
  entryId: z.string().optional(),
  /** Edit user: the email the user had before (so a search for the old address finds it). */
  previousEmail: z.string().optional(),
  /** For merge-users: the user merged into `userId` (and deleted), and their email. */
  mergedUserId: z.string().optional(),
  mergedEmail: z.string().optional(),
  /** For create/revoke-api-key: the key's id and name (never the key or its hash). */
  apiKeyId: z.string().optional(),
  apiKeyName: z.string().optional(),
  /** Act on a list: the job, on its batch entry and on each user's entry; the list by fingerprint, never the list. */
  jobId: z.string().optional().describe("Act on a list: the job this entry belongs to"),
  listFingerprint: z.string().optional().describe("Act on a list: the list's fingerprint (its batch entry)"),
});
export type AuditTarget = z.infer<typeof auditTargetSchema>;

/** The API key an action came through, by id and name. */
export const actorKeySchema = z.object({ id: z.string(), name: z.string() });
export type ActorKey = z.infer<typeof actorKeySchema>;

/** Edit user: the edited fields before and after (names, emails, URLs, times: never secrets). */
export const auditChangesSchema = z.object({ before: z.record(z.string(), z.string().nullable()), after: z.record(z.string(), z.string().nullable()) });
export type AuditChanges = z.infer<typeof auditChangesSchema>;

export interface Actor {
  /** A console operator's email, or the creator's for an API key. */
  email: string;
  role: string;
  apiKey?: ActorKey;
}

/** An entry as the audit log stores it and the console reads it; the API answers a part of it (lib/features/audit/schema.ts). */
export const auditEntryRecordSchema = z.object({
  id: z.string(),
  at: isoTime,
  operatorEmail: z.string(),
  operatorRole: z.string(),
  /** Set when the action came through the management API. */
  apiKey: actorKeySchema.optional(),
  action: z.enum(auditActions),
  target: auditTargetSchema,
  reason: z.string().nullable(),
  result: z.enum(auditResults),
  counts: z.record(z.string(), z.number()),
  message: z.string().nullable(),
  requestId: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  /** Set when the action kept what it removed and can be undone until then. */
  undoUntil: isoTime.nullable(),
  /** On a collapsed entry (see recordCollapsedAuditEvent): the latest of its repeats. */
  lastAt: isoTime.nullable(),
  /** Set by Edit user (and its undo): what changed. */
  changes: auditChangesSchema.nullable().optional(),
});
export type AuditEntry = z.infer<typeof auditEntryRecordSchema>;

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
