import { normalizeEmail } from "@/lib/features/users/email-address";

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

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; error: string };

/** Empty clears the name (null); otherwise trimmed, at most NAME_MAX characters, no control characters. */
export function checkName(input: string): FieldCheck<string | null> {
  const value = input.trim();
  if (!value) return { ok: true, value: null };
  if (value.length > NAME_MAX) return { ok: false, error: `A name has at most ${NAME_MAX} characters.` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, error: "A name cannot contain control characters." };
  return { ok: true, value };
}

/**
 * Empty clears the image (null); otherwise an http(s) URL without credentials. It is shown as
 * a link and never loaded by the console. (The server action checks it with zod's url() too.)
 */
export function checkImageUrl(input: string): FieldCheck<string | null> {
  const value = input.trim();
  if (!value) return { ok: true, value: null };
  if (value.length > IMAGE_URL_MAX) return { ok: false, error: `The image URL has at most ${IMAGE_URL_MAX} characters.` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, error: "The image URL must be an http:// or https:// URL." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: "The image URL must be an http:// or https:// URL." };
  if (url.username || url.password) return { ok: false, error: "The image URL must not contain a user name or password." };
  return { ok: true, value };
}

export function checkEmail(input: string): FieldCheck<string> {
  const result = normalizeEmail(input);
  return result.ok ? { ok: true, value: result.email } : result;
}

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

/** A stored image URL fit to be an href: http(s) only (the product may have stored anything). */
export function linkableImageUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
