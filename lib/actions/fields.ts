import { z } from "zod";

/**
 * The fields many actions' input schemas share. Server actions are public POST endpoints, so
 * every input is checked here before any feature sees it. Client-safe: zod only.
 */

export const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "a valid id");
export const reason = z.string().trim().min(3, "Give a reason (at least 3 characters); it goes into the audit log.").max(500);
/** Where the reason may be left out (Unblock, Edit user, Send sign-in link), but not given as a word or two. */
export const optionalReason = z.string().trim().min(3, "A reason, if given, needs at least 3 characters.").max(500).optional();
