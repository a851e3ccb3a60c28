import { z } from "zod";
import { epochMsTime } from "@/lib/format/wire";

/** A verification token (a pending magic link) as the pages show it: by fingerprint, never the token. */
export const tokenRowSchema = z.object({
  identifier: z.string(),
  fingerprint: z.string(),
  expires: epochMsTime.nullable(),
  live: z.boolean(),
});
export type TokenRow = z.infer<typeof tokenRowSchema>;
