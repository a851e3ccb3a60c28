import { Badge } from "@/components/ui/badge";
import { blockSummary } from "@/lib/features/block/contract";
import type { BlockView } from "@/lib/features/block/schema";

/** "blocked" (or "block expired"), with until when and why as its title and as text for screen readers. */
export function BlockBadge({ block, compact }: { block: BlockView | null | undefined; compact?: boolean }) {
  if (!block) return null;
  const summary = blockSummary(block);
  return (
    <span className="inline-flex">
      <Badge tone={block.active ? "danger" : "neutral"} compact={compact} title={summary} data-testid="block-badge">
        {block.active ? "blocked" : "block expired"}
      </Badge>
      <span className="sr-only">{summary}</span>
    </span>
  );
}
