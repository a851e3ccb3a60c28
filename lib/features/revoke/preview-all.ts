import { plural } from "@/lib/format/plural";

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
  return { count, list, note, summary: `${count} of ${facts.owner}: ${list}` + (note ? ` ${note}` : "") };
}
