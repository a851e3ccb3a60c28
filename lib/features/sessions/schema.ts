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

/** The sessions list shows whose session it is; the API's rows never carry it. */
export const sessionListRowSchema = sessionRowSchema.extend({ user: userRefSchema.nullable().optional() });
export type SessionRow = z.infer<typeof sessionListRowSchema>;
