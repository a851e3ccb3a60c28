import { z } from "zod";
import { id, reason } from "@/lib/actions/fields";
import { blockViewSchema } from "@/lib/features/block/schema";

/** Merge's inputs: the candidates of a doctor finding, the other user named on a user page, the preview, and the merge itself. */
export const mergeCandidatesSchema = z.object({ userIds: z.array(id).min(2, "A merge needs two users.").max(10) });
export const resolveMergeUserSchema = z.object({ userId: id, other: z.string().trim().min(1, "Enter the other user's id or email.").max(254) });
export const previewMergeSchema = z.object({ keepUserId: id, otherUserId: id });
export const mergeUsersSchema = z.object({ keepUserId: id, otherUserId: id, reason });

/** One side of a merge as the dialog shows it: nothing secret (sessions as fingerprints). */
export const mergeSideSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  block: blockViewSchema.nullable(),
  revokedAt: z.string().nullable(),
  accounts: z.array(z.object({ provider: z.string(), providerAccountId: z.string() })),
  sessions: z.array(z.string()),
  /** Items in the partition that are none of the adapter's entities: a merge leaves them where they are. */
  otherItems: z.number(),
});
export type MergeSide = z.infer<typeof mergeSideSchema>;

export const mergePreviewSchema = z.object({
  keep: mergeSideSchema,
  other: mergeSideSchema,
  /** Sessions of the other user the guard already treats as over: deleted, not moved. */
  droppedSessions: z.array(z.string()),
  /** Sessions that move (the other's sessions minus the dropped ones). */
  movedSessions: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type MergePreview = z.infer<typeof mergePreviewSchema>;
