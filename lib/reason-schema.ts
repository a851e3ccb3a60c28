import { z } from "zod";
import { MAX_REASON, MIN_REASON } from "./reason";

/** A reason the action cannot go without: revokes, deletes, blocks, merges, purges, repairs, list jobs. */
export const reasonSchema = z.string().trim().min(MIN_REASON, `Give a reason (at least ${MIN_REASON} characters); it goes into the audit log.`).max(MAX_REASON);

/** A reason the operator may leave out (Unblock, Edit user, Send sign-in link); one that is given still says something. */
export const optionalReasonSchema = z
  .string()
  .trim()
  .min(MIN_REASON, `A reason, if given, needs at least ${MIN_REASON} characters.`)
  .max(MAX_REASON)
  .optional();
