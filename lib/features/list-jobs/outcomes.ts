/** How a job ended for one listed entry. */
export const entryOutcomes = ["ok", "partial", "failed", "not-found"] as const;
export type EntryOutcome = (typeof entryOutcomes)[number];

export interface EntryResult {
  entry: string;
  userId: string | null;
  email: string | null;
  outcome: EntryOutcome;
  message: string;
}

export interface JobCounts {
  ok: number;
  partial: number;
  failed: number;
  notFound: number;
}

export const emptyCounts = (): JobCounts => ({ ok: 0, partial: 0, failed: 0, notFound: 0 });

export function addOutcomes(counts: JobCounts, results: readonly EntryResult[]): JobCounts {
  const next = { ...counts };
  for (const r of results) {
    if (r.outcome === "not-found") next.notFound++;
    else next[r.outcome]++;
  }
  return next;
}

const csvCell = (value: string | null) => {
  const text = value ?? "";
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const RESULT_CSV_HEADER = "entry,user_id,email,outcome,message\n";

/** Result rows as CSV lines (no header). */
export function resultsCsv(results: readonly EntryResult[]): string {
  return results.map((r) => `${[r.entry, r.userId, r.email, r.outcome, r.message].map(csvCell).join(",")}\n`).join("");
}
