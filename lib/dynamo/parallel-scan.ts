import { type Item, type ScanPageRequest, scanPage } from "./scan-page";

/**
 * Parallel Scan in bounded steps: the table is split into segments (Scan's `Segment` and
 * `TotalSegments`), each step reads a share of its budget from every unfinished segment at
 * once, and the positions go back to the caller to seal into its cursor for the next step.
 */

/** Where one segment stands: not started (`{}`), resuming at `start`, or `done`. */
export interface SegmentPosition {
  start?: Item;
  done?: true;
}

/** Each segment's resume key travels in the sealed cursor, which is capped at 8 KB. */
export const MAX_SEGMENTS = 4;

/**
 * The starting positions of a scan of about `approximateItems` items read `step` items a step.
 * A table one step can read gets one segment (fewest calls); a longer scan gets up to
 * MAX_SEGMENTS, so a step takes about one segment's share of the time. The count is fixed for
 * the whole scan: a resume key is only valid in the segment and TotalSegments it came from.
 */
export function startSegments(approximateItems: number, step: number): SegmentPosition[] {
  const total = Math.max(1, Math.min(MAX_SEGMENTS, Math.floor(approximateItems / step)));
  return Array.from({ length: total }, () => ({}));
}

export interface SegmentStepRequest extends Omit<ScanPageRequest, "start" | "segment" | "pageSize" | "budget"> {
  positions: SegmentPosition[];
  /** Items read this step, shared evenly by the unfinished segments (at least one each). */
  budget: number;
}

export interface SegmentStepResult {
  /** Every item that passed the filter (bounded by the budget). */
  items: Item[];
  scanned: number;
  rejected: number;
  positions: SegmentPosition[];
  /** Every segment has been read to its end. */
  done: boolean;
}

/** One step: every unfinished segment reads its share of the budget, concurrently, from where it stopped. */
export async function scanSegmentsStep(request: SegmentStepRequest): Promise<SegmentStepResult> {
  const { positions, budget, ...scan } = request;
  const share = Math.max(1, Math.floor(budget / Math.max(1, positions.filter((p) => !p.done).length)));
  const pages = await Promise.all(
    positions.map(async (position, index) => {
      if (position.done) return { position, items: [], scanned: 0, rejected: 0 };
      const segment = { index, total: positions.length };
      const page = await scanPage({ ...scan, segment, start: position.start, pageSize: Number.MAX_SAFE_INTEGER, budget: share });
      return { ...page, position: page.next ? { start: page.next } : { done: true as const } };
    }),
  );
  return {
    items: pages.flatMap((p) => p.items),
    scanned: pages.reduce((sum, p) => sum + p.scanned, 0),
    rejected: pages.reduce((sum, p) => sum + p.rejected, 0),
    positions: pages.map((p) => p.position),
    done: pages.every((p) => p.position.done),
  };
}
