import { z } from "zod";
import { isoDay, isoTime } from "@/lib/format/wire";

/** What happened in the product's auth, as the table's stream tells it (from-record.ts). */
export const activityTypes = [
  "sign-up",
  "email-verified",
  "email-changed",
  "user-deleted",
  "account-linked",
  "account-unlinked",
  "session-created",
  "session-ended",
  "session-expired",
  "link-requested",
  "link-used",
  "link-expired",
  "sign-in",
  "user-blocked",
  "user-unblocked",
] as const;
export type ActivityType = (typeof activityTypes)[number];

/**
 * Who made the change: the product (its adapter or its guard), Gatehouse (the console writes the
 * block; its other actions are matched to their audit entries by the consumer), or DynamoDB's
 * TTL, whose deletions carry its service identity.
 */
export const activityActors = ["product", "gatehouse", "expiry"] as const;
export type ActivityActor = (typeof activityActors)[number];

/** One event. Never a secret: tokens are fingerprints, an account is its provider and id. */
export const activityEventSchema = z.object({
  /** The stream record's sequence number and the event's place among the record's events: unique, so a retried batch stores nothing twice. */
  id: z.string(),
  type: z.enum(activityTypes),
  at: isoTime,
  by: z.enum(activityActors),
  userId: z.string().optional(),
  email: z.string().optional(),
  /** A magic link's address (the verification token's identifier). */
  identifier: z.string().optional(),
  provider: z.string().optional(),
  providerAccountId: z.string().optional(),
  /** A session's or a magic link's token, by fingerprint. */
  fingerprint: z.string().optional(),
  previousEmail: z.string().optional(),
  /** A block's end; absent on a block without one. */
  until: z.string().optional(),
  /** Gatehouse's doing: the operator's audit entry that caused it (attribute.ts). */
  auditId: z.string().optional(),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;

/** The feed's filters, as /activity's form, GET /api/v1/activity and the CLI take them. */
export const activityFilterSchema = z
  .object({
    type: z.enum(activityTypes).optional(),
    provider: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[\w.-]{1,64}$/, "a provider id such as github")
      .optional(),
    /** A user's id: their timeline (one index Query a page). */
    user: z.string().trim().min(1).max(200).optional(),
    /** An address: its magic links, and the events of the user who has it. */
    email: z.string().trim().toLowerCase().max(254).pipe(z.email("an email address")).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date.", path: ["from"] });
export type ActivityFilters = z.infer<typeof activityFilterSchema>;

/** The figures' range, as GET /api/v1/stats and `gatehouse stats` take it: at most a year. */
export const statsRangeSchema = z
  .object({ from: isoDay.optional(), to: isoDay.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["from"] });
export type StatsRange = z.infer<typeof statsRangeSchema>;
