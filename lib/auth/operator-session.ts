import { z } from "zod";

/**
 * What the session callback adds about the console session itself, for the DAL (step-up) and
 * "Your sessions". Auth.js also serves it at /api/auth/session, so it holds no token: the
 * session is named by its fingerprint.
 */
export const operatorSessionSchema = z.object({
  userId: z.string().min(1),
  fingerprint: z.string().min(1),
  /** Epoch milliseconds of the sign-in that created (or renewed) this session. */
  signedInAt: z.number(),
});

export type OperatorSession = z.infer<typeof operatorSessionSchema>;
