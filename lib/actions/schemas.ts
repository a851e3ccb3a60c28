import { z } from "zod";
import { blockDurationValues } from "@/lib/block";
import { checkEmail, checkImageUrl, checkName, type FieldCheck, IMAGE_URL_MAX } from "@/lib/user-edit";

/** Input schemas for the mutation server actions: they are public POST endpoints. */

const id = z
  .string()
  .min(1)
  .max(200)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  .regex(/^[^\u0000-\u001f\u007f]+$/, "a valid id");
const fingerprint = z.string().regex(/^[0-9a-f]{10}$/, "a session fingerprint");
const reason = z.string().trim().min(3, "Give a reason (at least 3 characters); it goes into the audit log.").max(500);

export const sessionRefSchema = z.object({ userId: id, fingerprint });
export const revokeSessionSchema = sessionRefSchema;
export const revokeAllSchema = z.object({ userId: id, reason });
export const revokeSelectedSchema = z.object({ sessions: z.array(sessionRefSchema).min(1, "Select at least one session.").max(100), reason });
export const unlinkSchema = z.object({
  userId: id,
  provider: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  providerAccountId: z.string().min(1).max(200),
  reason: z.string().trim().max(500).optional(),
  confirmEmail: z.string().trim().max(254).optional(),
});
export const deleteUserSchema = z.object({ userId: id, reason });
export const purgeSchema = z.object({ reason, cursor: z.string().max(8192).optional() });
export const undoSchema = z.object({ entryId: z.string().min(1).max(200) });
export const blockUserSchema = z.object({ userId: id, reason, duration: z.enum(blockDurationValues, "Pick how long the block lasts.") });
export const unblockUserSchema = z.object({
  userId: id,
  reason: z.string().trim().min(3, "A reason, if given, needs at least 3 characters.").max(500).optional(),
});

/** A string through one of Edit user's checks (shared with the dialog): its value, or its message as the issue. */
const checked = <T>(check: (input: string) => FieldCheck<T>) =>
  z
    .string()
    .max(4096)
    .transform((input, context) => {
      const result = check(input);
      if (result.ok) return result.value;
      context.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    });
/** Empty clears the image; anything else must pass zod's url() (http or https) and checkImageUrl. */
const imageUrl = z.union([
  z
    .string()
    .trim()
    .length(0)
    .transform(() => null),
  z
    .url({ protocol: /^https?$/, error: "The image URL must be an http:// or https:// URL." })
    .trim()
    .max(IMAGE_URL_MAX)
    .pipe(checked(checkImageUrl)),
]);

/** Edit user: the values the operator saw (to refuse a stale dialog) and the fields to change; left-out fields stay. */
const seenValue = (max: number) => z.string().max(max).nullable();
export const editUserSchema = z.object({
  userId: id,
  seen: z.object({ email: seenValue(320), name: seenValue(1000), image: seenValue(4096), emailVerified: seenValue(64) }),
  name: checked(checkName).optional(),
  image: imageUrl.optional(),
  email: checked(checkEmail).optional(),
  emailVerified: z.enum(["keep", "now", "clear"]).optional(),
  deleteOldTokens: z.boolean().optional(),
  reason: z.string().trim().min(3, "A reason, if given, needs at least 3 characters.").max(500).optional(),
});
export const createUserSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address.").max(254, "An email address has at most 254 characters."),
  name: z.string().trim().max(200, "A name has at most 200 characters.").optional(),
});
export const sendSignInLinkSchema = z.object({
  userId: id,
  reason: z.string().trim().min(3, "A reason, if given, needs at least 3 characters.").max(500).optional(),
});
export const mergeCandidatesSchema = z.object({ userIds: z.array(id).min(2, "A merge needs two users.").max(10) });
export const resolveMergeUserSchema = z.object({ userId: id, other: z.string().trim().min(1, "Enter the other user's id or email.").max(254) });
export const previewMergeSchema = z.object({ keepUserId: id, otherUserId: id });
export const mergeUsersSchema = z.object({ keepUserId: id, otherUserId: id, reason });
