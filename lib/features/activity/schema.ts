import { z } from "zod";
import { isoTime } from "@/lib/format/wire";

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
