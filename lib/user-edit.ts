import { z } from "zod";
import { normalizeEmailIdentifier } from "./email-identifier";

/**
 * Edit user's fields, shared by the dialog (preview, validation) and the server (which checks
 * everything again). Values are as the user page shows them (UserRow): null when absent.
 */
export interface EditableUser {
  email: string | null;
  name: string | null;
  image: string | null;
  /** ISO time, or null when not verified. */
  emailVerified: string | null;
}

export type EditableField = keyof EditableUser;
export const EDITABLE_FIELDS: readonly EditableField[] = ["name", "image", "email", "emailVerified"];

export const fieldLabels: Record<EditableField, string> = { name: "Name", image: "Image URL", email: "Email", emailVerified: "Email verified" };

/** What to do with emailVerified: leave it, set it to now, or clear it (not verified). */
export type VerifiedChoice = "keep" | "now" | "clear";

export const NAME_MAX = 200;
export const IMAGE_URL_MAX = 2048;

/** http(s) only, no credentials in it: it is shown as a link and never loaded by the console. */
export const imageUrlSchema = z
  .url({ protocol: /^https?$/, error: "The image URL must be an http:// or https:// URL." })
  .max(IMAGE_URL_MAX, `The image URL has at most ${IMAGE_URL_MAX} characters.`)
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password;
  }, "The image URL must not contain a user name or password.");

/** Empty input clears the field (null); anything else is trimmed. */
const clearable = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(z.union([z.null(), schema]));

export const nameSchema = clearable(z.string().max(NAME_MAX, `A name has at most ${NAME_MAX} characters.`).regex(/^[^\u0000-\u001f\u007f]*$/, "A name cannot contain control characters."));
export const imageSchema = clearable(imageUrlSchema);
export const emailSchema = z
  .string()
  .max(320)
  .transform((value, context) => {
    const result = normalizeEmailIdentifier(value);
    if (!result.ok) {
      context.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.email;
  });

/** The edits asked for, relative to what the operator saw; fields left out stay as they are. */
export interface EditRequestFields {
  name?: string | null;
  image?: string | null;
  email?: string;
  emailVerified?: VerifiedChoice;
}

/** The value emailVerified gets for a choice (now: the given time). */
export function verifiedValue(choice: VerifiedChoice, seen: string | null, now: number): string | null {
  return choice === "keep" ? seen : choice === "now" ? new Date(now).toISOString() : null;
}

/** The fields that really change, with their values before and after. */
export function changedFields(seen: EditableUser, edits: EditRequestFields, now: number): { before: Partial<EditableUser>; after: Partial<EditableUser> } {
  const after: EditableUser = {
    name: edits.name === undefined ? seen.name : edits.name,
    image: edits.image === undefined ? seen.image : edits.image,
    email: edits.email === undefined ? seen.email : edits.email,
    emailVerified: edits.emailVerified === undefined ? seen.emailVerified : verifiedValue(edits.emailVerified, seen.emailVerified, now),
  };
  const before: Partial<EditableUser> = {};
  const changed: Partial<EditableUser> = {};
  for (const field of EDITABLE_FIELDS) {
    // "Verified now" on a verified user moves the time: that is a change too.
    if (after[field] !== seen[field]) {
      before[field] = seen[field];
      changed[field] = after[field];
    }
  }
  return { before, after: changed };
}
