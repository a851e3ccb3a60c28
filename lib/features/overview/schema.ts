import { z } from "zod";

/** What the overview's entity count finds in the product table, by kind. */
export const entityCountsSchema = z.object({
  users: z.number(),
  accounts: z.number(),
  /** All session items; `expiredSessions` of them are past `expires`, awaiting TTL. */
  sessions: z.number(),
  expiredSessions: z.number(),
  verificationTokens: z.number(),
  expiredVerificationTokens: z.number(),
  /** gatehouse-guard's heartbeat items (GATEHOUSE#GUARD), one per product app: Gatehouse's own. */
  guardHeartbeats: z.number(),
  /** Anything else: other keys, or keys whose `type` disagrees. */
  other: z.number(),
});
export type EntityCounts = z.infer<typeof entityCountsSchema>;

export const entityCountProgressSchema = z.object({
  /** Totals over every step so far. */
  counts: entityCountsSchema,
  scanned: z.number(),
  /** DescribeTable's approximate item count, read on the first step. */
  approximateItems: z.number(),
  /** Read capacity consumed by every step so far. */
  consumedRCU: z.number(),
  done: z.boolean(),
  /** Sealed and bound to the operator; continues this count. */
  cursor: z.string().nullable(),
});
export type EntityCountProgress = z.infer<typeof entityCountProgressSchema>;
