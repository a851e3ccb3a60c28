import { formatRelative } from "@/lib/format/relative-time";

export interface RevokeSessionFacts {
  fingerprint: string;
  /** Who the session belongs to: their email, or their id when there is none. */
  owner: string;
  /** Epoch ms, or null when the session has no expiry. */
  expires: number | null;
}

/** "expires" / "expired" before the relative time, or "no expiry": the Revoke dialog's wording. */
export const sessionExpiryVerb = (expires: number | null, now: number) => (expires === null ? "no expiry" : expires > now ? "expires" : "expired");

/** The Revoke (one session) dialog's preview, as text: what the dialog shows and the API's dryRun returns. */
export function revokeSessionSummary(session: RevokeSessionFacts, now: number): string {
  const verb = sessionExpiryVerb(session.expires, now);
  const expiry = session.expires === null ? verb : `${verb} ${formatRelative(session.expires, now)}`;
  return `Session …${session.fingerprint} of ${session.owner}, ${expiry}`;
}

/** What a Revoke of a session already gone would do: the real call answers "already revoked" (ok, nothing to do). */
export function alreadyRevokedSummary(session: { fingerprint: string; owner: string }): string {
  return `Session …${session.fingerprint} of ${session.owner} was already revoked: nothing to do.`;
}
