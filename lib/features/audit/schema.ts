import { z } from "zod";
import { auditActions } from "@/lib/audit/entry";
import { isoTime as iso } from "@/lib/format/wire";

/**
 * An audit entry as the API answers it: the store's AuditEntry (lib/audit/entry.ts) less what stays in the console
 * (an edit's before/after, a merge's second user, an edit's previous email), since a field not named here never goes out.
 */
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

/** The audit log's filters, as the page's form, its export and GET /api/v1/audit take them. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v, "a real date");

export const auditFilterSchema = z
  .object({
    operator: z.string().trim().toLowerCase().max(254).optional(),
    action: z.enum(auditActions).optional(),
    target: z.string().trim().toLowerCase().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date.", path: ["from"] });

export type AuditFilters = z.infer<typeof auditFilterSchema>;
