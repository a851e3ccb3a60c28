import { createHash, randomBytes } from "node:crypto";

/** Management API keys: `gh_` and 32 random bytes in base64url. Only their SHA-256 is stored. */
export const API_KEY_PREFIX = "gh_";
const KEY_PATTERN = /^gh_[A-Za-z0-9_-]{43}$/;

export function isApiKeyFormat(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** Hex SHA-256 of the key: what the table stores and looks keys up by. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A fresh key, its hash and a short public id (the id is shown; the key once; the hash never). */
export function generateApiKey(): { key: string; hash: string; id: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashApiKey(key), id: randomBytes(8).toString("hex") };
}

/** `Authorization: Bearer gh_...` → the key; null when the header is absent or not a bearer token. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer[ ]+(\S+)\s*$/i);
  return match?.[1] ?? null;
}
