import { z } from "zod";
import { ATTRIBUTES, blockIsActive } from "@/guard/src/contract";
import { id, optionalReason, reason } from "@/lib/actions/fields";
import { isoTime } from "@/lib/format/wire";

/**
 * The console's side of the guard's table contract (docs/guard.md): the attribute names and the
 * rule for a block come from the guard's own contract.ts, so both sides judge a block alike.
 * Block's action inputs are at the end: the durations they accept are the ones defined here.
 */
export { ATTRIBUTES as GUARD_ATTRIBUTES };

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

/** A user's `gatehouseBlock` as the pages and the API show it. */
export const blockViewSchema = z.object({
  since: isoTime.nullable(),
  /** Null: permanent. */
  until: isoTime.nullable(),
  reason: z.string(),
  by: z.string(),
  /** False once `until` has passed: the guard no longer refuses the user. */
  active: z.boolean(),
});
export type BlockView = z.infer<typeof blockViewSchema>;

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function toBlockView(value: unknown, now: number): BlockView | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  return {
    since: text(raw.since) || null,
    until: text(raw.until) || null,
    reason: text(raw.reason),
    by: text(raw.by),
    active: blockIsActive(raw, now),
  };
}

/** "until 2 Dec 2026, 14:00 UTC" or "permanently": for badges and the banner. */
export function blockTerm(block: Pick<BlockView, "until">): string {
  if (!block.until) return "permanently";
  const at = Date.parse(block.until);
  return Number.isNaN(at) ? `until ${block.until}` : `until ${formatUtc(at)}`;
}

export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The accessible text of a "blocked" badge: until when, and why. */
export function blockSummary(block: BlockView): string {
  return `${block.active ? "Blocked" : "Block expired"} ${blockTerm(block)}${block.reason ? `: ${block.reason}` : ""}`;
}

/** Block's inputs, as the server action checks them: the duration is one of the dialog's. */
export const blockUserSchema = z.object({ userId: id, reason, duration: z.enum(blockDurationValues, "Pick how long the block lasts.") });
export const unblockUserSchema = z.object({ userId: id, reason: optionalReason });
