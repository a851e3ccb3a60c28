import { z } from "zod";
import { id, reason } from "@/lib/actions/fields";

/** Merge's inputs: the candidates of a doctor finding, the other user named on a user page, the preview, and the merge itself. */
export const mergeCandidatesSchema = z.object({ userIds: z.array(id).min(2, "A merge needs two users.").max(10) });
export const resolveMergeUserSchema = z.object({ userId: id, other: z.string().trim().min(1, "Enter the other user's id or email.").max(254) });
export const previewMergeSchema = z.object({ keepUserId: id, otherUserId: id });
export const mergeUsersSchema = z.object({ keepUserId: id, otherUserId: id, reason });
