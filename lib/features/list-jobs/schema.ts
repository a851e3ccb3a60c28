import { z } from "zod";
import { reason as reasonSchema } from "@/lib/actions/fields";
import { blockDurationValues } from "@/lib/features/block/durations";
import { listActions, MAX_ENTRY_LENGTH, MAX_LIST_ENTRIES } from "@/lib/features/list-jobs/entries";
import { RESOLVE_CHUNK } from "@/lib/features/list-jobs/resolve";

/** Input schemas of the Act on a list server actions (public POST endpoints, like every server action). */

const entry = z.string().max(MAX_ENTRY_LENGTH, `An email or user id has at most ${MAX_ENTRY_LENGTH} characters.`);
const jobId = z.uuid("a list job id");

export const resolveEntriesSchema = z.object({
  entries: z.array(entry).min(1, "Nothing to resolve.").max(RESOLVE_CHUNK, `Resolve at most ${RESOLVE_CHUNK} entries at a time.`),
});

export const createListJobSchema = z
  .object({
    action: z.enum(listActions, "Pick what to do: Revoke all sessions, Block user or Delete user."),
    entries: z
      .array(entry)
      .min(1, "The list is empty.")
      .max(MAX_LIST_ENTRIES, `A job takes at most ${MAX_LIST_ENTRIES.toLocaleString("en-US")} entries.`),
    reason: reasonSchema,
    duration: z.enum(blockDurationValues, "Pick how long the block lasts.").optional(),
  })
  .refine((input) => input.action !== "block" || input.duration !== undefined, { path: ["duration"], message: "Pick how long the block lasts." });

export const stepListJobSchema = z.object({ jobId, cursor: z.string().min(1).max(8192), size: z.number().int().min(1).max(200).optional() });
