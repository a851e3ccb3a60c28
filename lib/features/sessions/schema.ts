import { z } from "zod";
import { userRefSchema } from "@/lib/features/users/schema";
import { epochMsTime } from "@/lib/format/wire";

/** A product session as the pages and the API show it: by fingerprint, never its token. */
export const sessionRowSchema = z.object({
  userId: z.string(),
  fingerprint: z.string().describe("a fingerprint of the session token; the token never leaves the server"),
  expires: epochMsTime.nullable(),
  live: z.boolean(),
  /** "Last active ≈" of this session: expires minus the product's session lifetime (an estimate). */
  lastActive: epochMsTime.nullable(),
});

/**
 * The console's rows add whose session it is and, where the product's guard has requestInfo, when
 * it began and from which device and network. The API's rows carry none of these (its response
 * schema is sessionRowSchema, which drops them).
 */
export const sessionListRowSchema = sessionRowSchema.extend({
  user: userRefSchema.nullable().optional(),
  /** The `createdAt` the guard stamps on the sessions it sees created; null on sessions from before the guard. */
  signedIn: epochMsTime.nullable().optional(),
  /** As the guard stamped them: the network per its ipAddress mode, the raw user agent, the country code. */
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  country: z.string().optional(),
});
export type SessionRow = z.infer<typeof sessionListRowSchema>;
