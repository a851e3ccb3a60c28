import { blockTerm } from "@/lib/features/block/contract";
import { type BlockDuration, blockDurations } from "@/lib/features/block/durations";
import type { BlockView } from "@/lib/features/block/schema";
import { plural } from "@/lib/format/plural";

export interface BlockFacts {
  /** The user's email, or their id when there is none. */
  owner: string;
  duration: BlockDuration;
  /** Their block now, if any. */
  current: BlockView | null;
  /** Session items that would be deleted. */
  sessions: number;
}

/** What the Block dialog shows, as text: the console's dialog and the API's dryRun both build it here. */
export function blockPreview(facts: BlockFacts) {
  const label = blockDurations.find((d) => d.value === facts.duration)?.label ?? facts.duration;
  const current = facts.current?.active === true ? facts.current : null;
  const already = current !== null;
  const lines = [
    `${already ? "Updates the block on " : "A block on "}${facts.owner}: ${facts.duration === "permanent" ? "permanent" : `for ${label}`}${already ? ` (now ${blockTerm(current)})` : ""}`,
    "Every session and JWT issued before now is revoked (gatehouseRevokedAt)",
    `${plural(facts.sessions, "session item")} deleted`,
  ];
  return {
    title: already ? `${facts.owner} is already blocked` : `Block ${facts.owner}?`,
    description: "Refuses their sign-ins and ends their sessions, for every provider, in every product that runs gatehouse-guard on this table.",
    lines,
    summary: `${lines.join(". ")}.`,
    alreadyBlocked: already,
    confirmLabel: already ? "Update block" : "Block user",
  };
}

/** What the Unblock dialog shows, as text. A user who is not blocked gets no Unblock button; the API says so. */
export function unblockPreview(facts: { owner: string; block: BlockView | null }) {
  const { block } = facts;
  return {
    title: `Unblock ${facts.owner}?`,
    description: "Removes the block: they can sign in again. Sessions revoked by the block stay revoked.",
    summary: block
      ? `The block on ${facts.owner} (${blockTerm(block)}, by ${block.by || "unknown"}${block.reason ? `: ${block.reason}` : ""})`
      : `${facts.owner} is not blocked.`,
    blocked: block !== null,
  };
}
