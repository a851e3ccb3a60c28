import type { BadgeTone } from "@/components/ui/badge";
import type { AuditAction, AuditEntry, AuditResult } from "@/lib/audit/entry";

/** How an entry's action, result and operator role are shown; shared by the audit rows (a client component) and the user page's history. */
export const actionTones: Record<AuditAction, BadgeTone> = {
  "sign-in": "neutral",
  "sign-out": "neutral",
  "sign-in-refused": "neutral",
  "revoke-session": "danger",
  "revoke-all-sessions": "danger",
  "revoke-selected": "danger",
  "unlink-account": "danger",
  "delete-user": "danger",
  "purge-expired": "warning",
  "repair-table": "warning",
  undo: "accent",
  "revoke-own-session": "neutral",
  "block-user": "danger",
  "unblock-user": "accent",
  "edit-user": "warning",
  "create-user": "accent",
  "send-sign-in-link": "neutral",
  "export-user": "neutral",
  "merge-users": "danger",
  "create-api-key": "warning",
  "revoke-api-key": "accent",
  "api-read": "neutral",
  "list-job": "danger",
};

export const results: Record<AuditResult, { label: string; tone: BadgeTone }> = {
  ok: { label: "ok", tone: "success" },
  partial: { label: "partial", tone: "warning" },
  failed: { label: "failed", tone: "danger" },
  refused: { label: "refused", tone: "warning" },
  started: { label: "in progress", tone: "neutral" },
};

export const roleTones: Record<string, BadgeTone> = { admin: "accent", viewer: "neutral", "api-key": "neutral" };

/** The tables above, passed once to the audit rows (a client component) rather than shipped in its JS. */
export const entryLabels = { actionTones, results, roleTones };
export type EntryLabels = typeof entryLabels;

/** What an audit row's actions cell offers: the Undo button, or the note that an undo succeeded. */
export type UndoState = "undo" | "undone";

/** "verificationTokens" → "verification tokens". */
const words = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** Zero counts are left out, except "remaining": a zero there is the news. The details show them all. */
export function compactCounts(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([key, value]) => value !== 0 || key === "remaining")
    .map(([key, value]) => `${words(key)} ${value}`);
}

/** Unlinks and deletions keep what they removed for a while; an undo needs it still kept and the action to have removed something. */
export function undoable(entry: AuditEntry, now: number) {
  return (
    (entry.action === "unlink-account" || entry.action === "delete-user" || entry.action === "edit-user" || entry.action === "merge-users") &&
    (entry.result === "ok" || entry.result === "partial") &&
    entry.undoUntil !== null &&
    Date.parse(entry.undoUntil) > now
  );
}
