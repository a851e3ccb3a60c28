/** What an API key may be: shared by the create dialog (client) and the server. */

/** The expiries offered when creating a key, in days: at most a year. */
export const apiKeyExpiryDays = [7, 30, 90, 180, 365] as const;

export type ApiKeyStatus = "active" | "expired" | "revoked";

export function apiKeyStatus(key: { revokedAt: string | null; expiresAt: string }, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  // Active only while the expiry is a time still ahead: one that cannot be read (NaN) is expired.
  return Date.parse(key.expiresAt) > now ? "active" : "expired";
}
