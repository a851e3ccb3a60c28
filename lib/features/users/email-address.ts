/**
 * Email addresses as Auth.js's email providers normalize them (`defaultNormalizer` in
 * @auth/core's send-token.js): NFKC, lower case, trimmed, no quotes, exactly one `@`. The product
 * looks users up by exactly this form (GSI1 `USER#<email>`), so a user created under any other
 * form would never be found by its magic-link sign-in.
 */

export type NormalizedEmail = { ok: true; email: string } | { ok: false; error: string };

const MAX_LENGTH = 254;

export function normalizeEmail(input: string): NormalizedEmail {
  // NFKC first: a homoglyph of `@` (U+FF20) must become a real `@` before the checks below.
  const email = input.normalize("NFKC").toLowerCase().trim();
  if (!email) return { ok: false, error: "Enter an email address." };
  if (email.includes('"')) return { ok: false, error: "An email address with quotes is not accepted (Auth.js refuses it)." };
  const parts = email.split("@");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, error: "Enter one email address, such as ana@example.com." };
  // Auth.js keeps what comes before a comma in the domain; a comma here is a list pasted by mistake.
  if (parts[1].includes(",")) return { ok: false, error: "Enter one email address: the domain holds a comma." };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  if (/[\s\u0000-\u001f\u007f<>]/.test(email)) return { ok: false, error: "An email address cannot hold spaces, control characters or angle brackets." };
  if (email.length > MAX_LENGTH) return { ok: false, error: `An email address has at most ${MAX_LENGTH} characters.` };
  return { ok: true, email };
}
