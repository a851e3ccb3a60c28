import { z } from "zod";
import { reason as reasonSchema } from "@/lib/actions/fields";
import { auditActions } from "@/lib/audit/entry";

/** The DTOs the pages use, as zod schemas: they describe the responses and filter them (a field not named here never goes out). */

const iso = z.string().describe("ISO 8601 time");
const epochMs = z.number().describe("epoch milliseconds");

export const blockSchema = z.object({ since: iso.nullable(), until: iso.nullable(), reason: z.string(), by: z.string(), active: z.boolean() });

export const userRowSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  image: z.string().nullable(),
  emailVerified: iso.nullable(),
  block: blockSchema.nullable(),
  lastSignInAt: iso.nullable(),
  lastSignInProvider: z.string().nullable(),
  signInCount: z.number().nullable(),
});

export const accountRowSchema = z.object({
  userId: z.string(),
  provider: z.string(),
  providerAccountId: z.string(),
  type: z.string(),
  scope: z.string().nullable(),
  expiresAt: epochMs.nullable(),
  hasRefreshToken: z.boolean().nullable(),
});

export const sessionRowSchema = z.object({
  userId: z.string(),
  fingerprint: z.string().describe("a fingerprint of the session token; the token never leaves the server"),
  expires: epochMs.nullable(),
  live: z.boolean(),
  lastActive: epochMs.nullable(),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: iso,
  operatorEmail: z.string(),
  operatorRole: z.string(),
  apiKey: z.object({ id: z.string(), name: z.string() }).optional(),
  action: z.enum(auditActions),
  target: z.object({
    userId: z.string().optional(),
    email: z.string().optional(),
    provider: z.string().optional(),
    providerAccountId: z.string().optional(),
    fingerprints: z.array(z.string()).optional(),
    entryId: z.string().optional(),
    apiKeyId: z.string().optional(),
    apiKeyName: z.string().optional(),
    jobId: z.string().optional().describe("Act on a list: the job this entry belongs to"),
    listFingerprint: z.string().optional().describe("Act on a list: the list's fingerprint (its batch entry)"),
  }),
  reason: z.string().nullable(),
  result: z.enum(["started", "ok", "partial", "failed", "refused"]),
  counts: z.record(z.string(), z.number()),
  message: z.string().nullable(),
  requestId: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  undoUntil: iso.nullable(),
  lastAt: iso.nullable(),
});

export const pageSchema = { nextCursor: z.string().nullable().describe("pass as ?cursor= for the next page; null on the last") };

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Inputs. */
export const userId = z
  .string()
  .min(1)
  .max(200)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  .regex(/^[^\u0000-\u001f\u007f/]+$/, "a user id");
export const cursor = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z0-9_-]+$/, "a cursor from a previous page")
  .optional();
export const limit = z.coerce.number().int().min(1).max(100).default(25).describe("page size, 1 to 100");
export const reason = reasonSchema;
export const fingerprint = z.string().regex(/^[0-9a-f]{10}$/, "a session fingerprint (10 hex digits, from GET /api/v1/users/{id}/sessions)");
export const dryRun = z
  .boolean()
  .default(false)
  .describe("true: return the console dialog's preview and change nothing; a read, so it needs the read scope too, and is audited as an api-read entry");

/** What a mutation that ran answers: the console action's outcome and its audit entry. */
export const outcomeSchema = z.object({
  dryRun: z.literal(false),
  result: z.enum(["ok", "partial", "failed", "refused"]),
  message: z.string(),
  counts: z.record(z.string(), z.number()),
  auditId: z.string(),
  auditIncomplete: z.boolean().optional(),
  undoUntil: iso.optional().describe("unlink and delete: until when the audit log's Undo can restore what went"),
});

export const outcomeBody = (outcome: {
  result: "ok" | "partial" | "failed" | "refused";
  message: string;
  counts?: Record<string, number>;
  auditId: string;
  auditIncomplete?: boolean;
  undoUntil?: string;
}) => ({
  dryRun: false as const,
  result: outcome.result,
  message: outcome.message,
  counts: outcome.counts ?? {},
  auditId: outcome.auditId,
  ...(outcome.auditIncomplete ? { auditIncomplete: true } : {}),
  ...(outcome.undoUntil ? { undoUntil: outcome.undoUntil } : {}),
});
