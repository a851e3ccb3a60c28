import { type BlockMark, BlockMarkBadge } from "@/components/block-mark";
import { blockSummary } from "@/lib/features/block/contract";
import type { BlockView } from "@/lib/features/block/schema";

export const blockMark = (block: BlockView): BlockMark => ({ active: block.active, summary: blockSummary(block) });

/** "blocked" (or "block expired"), with until when and why as its title and as text for screen readers. */
export function BlockBadge({ block, compact }: { block: BlockView | null | undefined; compact?: boolean }) {
  if (!block) return null;
  return <BlockMarkBadge mark={blockMark(block)} compact={compact} />;
}
