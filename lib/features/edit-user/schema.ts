import { z } from "zod";
import { id, optionalReason } from "@/lib/actions/fields";
import { checkEmail, checkImageUrl, checkName, type FieldCheck, IMAGE_URL_MAX } from "@/lib/features/edit-user/preview";

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
  reason: optionalReason,
});
