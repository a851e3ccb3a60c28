import { ATTRIBUTES, blockIsActive } from "@/guard/src/contract";
import type { BlockView } from "./schema";

/**
 * The console's side of the guard's table contract (docs/guard.md): the attribute names and the
 * rule for a block come from the guard's own contract.ts, so both sides judge a block alike.
 * Zod-free: badges and dialogs import it, and the first-load JS budget has no room for a schema library.
 */
export { ATTRIBUTES as GUARD_ATTRIBUTES };

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
