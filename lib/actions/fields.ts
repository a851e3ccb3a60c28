import { z } from "zod";
import { MAX_REASON, MIN_REASON } from "./reason";

/**
 * The fields many actions' input schemas share. Server actions are public POST endpoints, so
 * every input is checked here before any feature sees it. Client-safe: zod only.
 */

export const id = z
  .string()
  .min(1)
  .max(200)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  .regex(/^[^\u0000-\u001f\u007f]+$/, "a valid id");
/** A reason the action cannot go without: revokes, deletes, blocks, merges, purges, repairs, list jobs. */
export const reason = z.string().trim().min(MIN_REASON, `Give a reason (at least ${MIN_REASON} characters); it goes into the audit log.`).max(MAX_REASON);
/** Where the reason may be left out (Unblock, Edit user, Send sign-in link), but not given as a word or two. */
export const optionalReason = z.string().trim().min(MIN_REASON, `A reason, if given, needs at least ${MIN_REASON} characters.`).max(MAX_REASON).optional();
