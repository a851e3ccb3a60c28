import { createHash } from "node:crypto";

/** Attributes whose values are credentials: never sent to the browser, never logged. */
export const SECRET_ATTRIBUTES = new Set(["access_token", "refresh_token", "id_token", "session_state", "sessionToken", "token", "oauth_token", "oauth_token_secret"]);

/** A short, stable, non-reversible name for a secret (a session token, a verification token hash). */
export function fingerprint(secret: string): string {
  return createHash("sha256").update(secret).digest("hex").slice(0, 10);
}

/**
 * A copy of an item safe to show: secret attributes replaced, and key values that embed a
 * token (`SESSION#<token>` keys, the `VT#<token>` sort key) cut down to prefix and fingerprint.
 */
export function redactItem(item: Record<string, unknown>, keys: { sk: string; gpk: string; gsk: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (SECRET_ATTRIBUTES.has(name)) {
      out[name] = typeof value === "string" ? `‹redacted, ${value.length} characters›` : "‹redacted›";
      continue;
    }
    const tokenKey = typeof value === "string" && [keys.sk, keys.gpk, keys.gsk].includes(name);
    const prefix = tokenKey ? (value.startsWith("SESSION#") ? "SESSION#" : name === keys.sk && value.startsWith("VT#") ? "VT#" : null) : null;
    out[name] = prefix ? `${prefix}‹token ${fingerprint((value as string).slice(prefix.length))}›` : value;
  }
  return out;
}
