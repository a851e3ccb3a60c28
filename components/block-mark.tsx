import { Badge } from "@/components/ui/badge";

/**
 * What a "blocked" badge shows, worked out on the server (blockMark in block-badge.tsx): a list
 * drawn in the browser then needs neither the block rules nor the guard's contract.
 */
export interface BlockMark {
  active: boolean;
  /** Until when, and why: the badge's title and its text for screen readers. */
  summary: string;
}

export function BlockMarkBadge({ mark, compact }: { mark: BlockMark; compact?: boolean }) {
  return (
    <span className="inline-flex">
      <Badge tone={mark.active ? "danger" : "neutral"} compact={compact} title={mark.summary} data-testid="block-badge">
        {mark.active ? "blocked" : "block expired"}
      </Badge>
      <span className="sr-only">{mark.summary}</span>
    </span>
  );
}
