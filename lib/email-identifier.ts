/**
 * An email address as Auth.js's email providers store it (`defaultNormalizer` in
 * @auth/core's lib/actions/signin/send-token.js): NFKC, lowercased, trimmed, one `@`, no
 * quotes, and anything after a comma in the domain dropped. A user item's email must be in
 * this form, or the product's own `getUserByEmail` (which looks up the normalized address)
 * never finds it.
 */
export type EmailIdentifier = { ok: true; email: string } | { ok: false; error: string };

const MAX_LENGTH = 254;

export function normalizeEmailIdentifier(input: string): EmailIdentifier {
  const trimmed = input.normalize("NFKC").toLowerCase().trim();
  if (!trimmed) return { ok: false, error: "Give an email address." };
  if (trimmed.includes('"')) return { ok: false, error: "An email address with quotes is refused (Auth.js refuses it too)." };
  const parts = trimmed.split("@");
  const [local, rawDomain] = parts;
  if (parts.length !== 2 || !local || !rawDomain) return { ok: false, error: "An email address needs exactly one @ with something on both sides." };
  const domain = rawDomain.split(",")[0];
  if (!domain) return { ok: false, error: "The email address has no domain." };
  const email = `${local}@${domain}`;
  // Stricter than Auth.js for what an operator types: no spaces or control characters inside.
  if (/[\s\u0000-\u001f\u007f]/.test(email)) return { ok: false, error: "An email address cannot contain spaces or control characters." };
  if (email.length > MAX_LENGTH) return { ok: false, error: `An email address has at most ${MAX_LENGTH} characters.` };
  return { ok: true, email };
}
