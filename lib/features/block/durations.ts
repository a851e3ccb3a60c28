/** Block's durations: zod-free, so the dialogs that offer them ship no schema library. */

const HOUR_MS = 3600_000;

export const blockDurations = [
  { value: "1h", label: "1 hour", ms: HOUR_MS },
  { value: "24h", label: "24 hours", ms: 24 * HOUR_MS },
  { value: "7d", label: "7 days", ms: 7 * 24 * HOUR_MS },
  { value: "30d", label: "30 days", ms: 30 * 24 * HOUR_MS },
  { value: "permanent", label: "permanent", ms: null },
] as const;

export type BlockDuration = (typeof blockDurations)[number]["value"];
export const blockDurationValues = blockDurations.map((d) => d.value) as [BlockDuration, ...BlockDuration[]];

/** ISO end of a block of `duration` starting at `now`; undefined for permanent. */
export function blockUntil(duration: BlockDuration, now: number): string | undefined {
  const ms = blockDurations.find((d) => d.value === duration)?.ms;
  return ms ? new Date(now + ms).toISOString() : undefined;
}
