import { plural } from "@/lib/format/plural";
import { formatRelative } from "@/lib/format/relative-time";

/** Revoke's previews, pure and client-safe: the dialogs show them and the API's dryRun returns the same text. */

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

/** How many fingerprints the Revoke all sessions dialog lists before "+N more". */
export const PREVIEW_FINGERPRINTS = 5;

export const GUARD_REVOKE_NOTE = "Every JWT session of theirs that began before now ends too, in each product that runs gatehouse-guard.";

/** The Revoke all sessions dialog's preview, in its parts and as text: the dialog and the API's dryRun both build it here. */
export function revokeAllPreview(facts: { owner: string; fingerprints: string[]; guardActive: boolean }) {
  const shown = facts.fingerprints.slice(0, PREVIEW_FINGERPRINTS);
  const more = facts.fingerprints.length - shown.length;
  const count = plural(facts.fingerprints.length, "session");
  const list = `${shown.map((fp) => `…${fp}`).join(", ")}${more > 0 ? `, … (+${more} more)` : ""}`;
  const note = facts.guardActive ? GUARD_REVOKE_NOTE : null;
  return { count, list, note, summary: `${count} of ${facts.owner}: ${list}${note ? ` ${note}` : ""}` };
}
