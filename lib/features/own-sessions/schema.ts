import { z } from "zod";

/** One of the operator's own console sessions, named by fingerprint (the token stays on the server). */
export const ownSessionSchema = z.object({
  fingerprint: z.string(),
  signedInAt: z.number(),
  lastUsedAt: z.number(),
  expiresAt: z.number(),
  ip: z.string(),
  browser: z.string(),
  current: z.boolean(),
});
export type OwnSession = z.infer<typeof ownSessionSchema>;
