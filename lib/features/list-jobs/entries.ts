import { normalizeEmail } from "@/lib/features/users/email-address";

/** What one list job can hold: pasted or uploaded, one email or user id per line. */
export const MAX_LIST_ENTRIES = 10_000;
export const MAX_ENTRY_LENGTH = 254;

export const listActions = ["revoke-all", "block", "delete"] as const;
export type ListAction = (typeof listActions)[number];

export const listActionLabels: Record<ListAction, string> = {
  "revoke-all": "Revoke all sessions",
  block: "Block user",
  delete: "Delete user",
};

export interface ParsedList {
  /** In list order, each once (emails compared as Auth.js normalizes them, kept as written: OAuth providers may store mixed case). */
  entries: string[];
  ignored: { blank: number; duplicate: number };
  /** Lines that can be neither an email nor a user id (control characters, too long). */
  invalid: string[];
}

/** An email (it holds an @) or a user id. */
export const isEmailEntry = (entry: string) => entry.includes("@");

/** Splits a pasted or uploaded list: one entry per line, blank lines and duplicates dropped. */
export function parseList(lines: string | readonly string[]): ParsedList {
  const raw = typeof lines === "string" ? lines.replace(/\r?\n$/, "").split(/\r?\n/) : lines;
  const seen = new Set<string>();
  const entries: string[] = [];
  const invalid: string[] = [];
  let blank = 0;
  let duplicate = 0;
  for (const line of raw) {
    const value = line.trim();
    if (!value) {
      blank++;
      continue;
    }
    const identity = identityOf(value);
    if (!identity) {
      invalid.push(value.slice(0, 80));
      continue;
    }
    if (seen.has(identity)) duplicate++;
    else {
      seen.add(identity);
      entries.push(value);
    }
  }
  return { entries, ignored: { blank, duplicate }, invalid };
}

/** What makes two lines the same entry: the normalized email, or the id itself. null: neither. */
function identityOf(value: string): string | null {
  if (isEmailEntry(value)) {
    const email = normalizeEmail(value);
    return email.ok ? email.email : null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  return value.length <= MAX_ENTRY_LENGTH && !/[\u0000-\u001f\u007f/]/.test(value) ? value : null;
}

/** Whether a line (trimmed) can name a user at all: a valid email, or an id without control characters. */
export const isListEntry = (value: string) => identityOf(value) !== null;
