const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;
const MONTH = YEAR / 12;

/**
 * Each unit is tried in turn and kept while the *rounded* count stays below the
 * next unit, so 59.6 s reads "1 min" rather than "60 s", and 23.5 h reads "1 d".
 */
const units = [
  { size: SECOND, label: "s", below: 60 },
  { size: MINUTE, label: "min", below: 60 },
  { size: HOUR, label: "h", below: 24 },
  { size: DAY, label: "d", below: 30 },
  { size: MONTH, label: "mo", below: 12 },
  { size: YEAR, label: "y", below: Infinity },
] as const;

/** Short relative text for `epochMs` seen from `nowMs`: "just now", "in 12 min", "2 d ago". */
export function formatRelative(epochMs: number, nowMs: number): string {
  const diff = epochMs - nowMs;
  const abs = Math.abs(diff);
  if (!Number.isFinite(abs)) return "—";
  if (Math.round(abs / SECOND) < 10) return "just now";
  for (const { size, label, below } of units) {
    const count = Math.round(abs / size);
    if (count < below) return diff > 0 ? `in ${count} ${label}` : `${count} ${label} ago`;
  }
  return "—";
}
