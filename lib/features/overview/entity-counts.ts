import "server-only";
import { authorize } from "@/lib/auth/authorize";
import { type Operator, principalId } from "@/lib/auth/principal";
import { heavyScanStep } from "@/lib/dynamo/heavy-scan";
import type { TableKeys } from "@/lib/dynamo/keys";
import { Meter } from "@/lib/dynamo/meter";
import { type SegmentPosition, startSegments } from "@/lib/dynamo/parallel-scan";
import { approximateItemCount, productTable, scanProductSegments } from "@/lib/dynamo/product-table";
import { releaseScanLease } from "@/lib/dynamo/scan-lease";
import type { Item } from "@/lib/dynamo/scan-page";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import type { EntityCountProgress, EntityCounts } from "./schema";

// Defined in schema.ts, where the overview's counter can reach them; re-exported for the action that answers with them.
export type { EntityCountProgress, EntityCounts };

/** Items read per step (shared by the segments); the browser calls step after step. */
export const COUNT_STEP = 20_000;

const noCounts: EntityCounts = {
  users: 0,
  accounts: 0,
  sessions: 0,
  expiredSessions: 0,
  verificationTokens: 0,
  expiredVerificationTokens: 0,
  guardHeartbeats: 0,
  other: 0,
};

/** The keys say what an item is and its `type` must agree; accounts carry their own `type` (e.g. "oauth"), so their keys alone decide. */
function tally(counts: EntityCounts, keys: TableKeys, item: Item, nowSeconds: number) {
  const kind = keys.parse(item).kind;
  const expired = typeof item.expires === "number" && item.expires < nowSeconds;
  if (kind === "account") counts.accounts++;
  else if (kind === "user" && item.type === "USER") counts.users++;
  else if (kind === "session" && item.type === "SESSION") {
    counts.sessions++;
    if (expired) counts.expiredSessions++;
  } else if (kind === "verificationToken" && item.type === "VT") {
    counts.verificationTokens++;
    if (expired) counts.expiredVerificationTokens++;
  } else if (kind === "guardHeartbeat") counts.guardHeartbeats++;
  else counts.other++;
}

/**
 * An exact count of the product table's items by entity, on request: one bounded step of a
 * parallel-segment Scan reading only the keys, `type` and `expires`. DescribeTable runs on the
 * first step only; totals, segment positions and the run's scan lease travel in the sealed cursor.
 */
export async function countEntitiesStep(operator: Operator | null, request: { cursor?: string; step?: number } = {}): Promise<EntityCountProgress> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const view = `entity-counts:${principalId(allowed)}`;
  const budget = request.step ?? COUNT_STEP;
  let positions: SegmentPosition[] | undefined;
  let totals: Omit<EntityCountProgress, "done" | "cursor"> | undefined;
  let leaseId: string | undefined;
  if (request.cursor) {
    const state = openCursor(table.secret, view, request.cursor);
    positions = state.start.segments as SegmentPosition[];
    leaseId = state.start.lease as string;
    const { scanned = 0, approximateItems = 0, consumedRCU = 0, ...counts } = state.progress ?? {};
    totals = { counts: { ...noCounts, ...counts }, scanned, approximateItems, consumedRCU };
  }

  const meter = new Meter();
  return heavyScanStep(allowed, "Count items", leaseId, meter, async (lease) => {
    if (!totals || !positions) {
      const approximateItems = await approximateItemCount(table);
      positions = startSegments(approximateItems, budget);
      totals = { counts: { ...noCounts }, scanned: 0, approximateItems, consumedRCU: 0 };
    }
    const step = await scanProductSegments(table, meter, { projection: ["type", "expires"], positions, budget });
    const nowSeconds = Date.now() / 1000;
    for (const item of step.items) tally(totals.counts, table.keys, item, nowSeconds);
    totals.scanned += step.scanned;
    totals.consumedRCU = Math.round((totals.consumedRCU + meter.readUnits) * 10) / 10;
    const { counts, ...rest } = totals;
    const cursor = step.done
      ? null
      : sealCursor(table.secret, view, { start: { segments: step.positions, lease }, trail: [], progress: { ...counts, ...rest } });
    return { ...totals, done: step.done, cursor };
  });
}

/** Stop: gives back the scan lease of a count left unfinished, so another scan can start at once. */
export async function stopEntityCount(operator: Operator | null, request: { cursor: string }): Promise<boolean> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const state = openCursor(table.secret, `entity-counts:${principalId(allowed)}`, request.cursor);
  return typeof state.start.lease === "string" ? releaseScanLease(allowed, state.start.lease) : false;
}
