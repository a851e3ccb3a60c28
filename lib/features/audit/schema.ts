import { z } from "zod";
import { auditActions, auditEntryRecordSchema, auditTargetSchema } from "@/lib/audit/entry";
import { isoDay } from "@/lib/format/wire";

/**
 * An audit entry as the API answers it: the stored entry less what stays in the console (an edit's before/after, a merge's
 * second user, an edit's previous email), since a field not named here never goes out.
 */
export const auditEntrySchema = auditEntryRecordSchema.omit({ changes: true }).extend({
  target: auditTargetSchema.omit({ previousEmail: true, mergedUserId: true, mergedEmail: true }),
});

/** An entry's id: `<time>~<request id>`, or a collapsed entry's `<hour>~collapsed~<action>~<kind>~<sha-256>` (before: `<hour>~collapsed-<fingerprint>`). */
export const AUDIT_ENTRY_ID = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z~[\w~-]{1,128}$/;

/** What the console's Details and Undo dialogs send to read one entry. */
export const auditEntryIdSchema = z.object({ id: z.string().max(200).regex(AUDIT_ENTRY_ID, "That is not an audit entry's id.") });

/** The audit log's filters, as the page's form, its export and GET /api/v1/audit take them. */
export const auditFilterSchema = z
  .object({
    operator: z.string().trim().toLowerCase().max(254).optional(),
    action: z.enum(auditActions).optional(),
    target: z.string().trim().toLowerCase().max(200).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date.", path: ["from"] });

export type AuditFilters = z.infer<typeof auditFilterSchema>;
