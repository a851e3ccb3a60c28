import "server-only";
import type { Operator } from "@/lib/auth/operator";
import { requestContext } from "@/lib/auth/request-context";
import { openCursor, sealCursor } from "@/lib/cursor";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter } from "@/lib/dynamo/meter";
import { startSegments, type SegmentPosition } from "@/lib/dynamo/parallel-scan";
import { authorizeMutation } from "./act";
import { finishAudit, progressAudit, startAudit, type AuditHandle } from "./audit";
import { approximateItemCount, productTable, scanProductSegments } from "./product-table";

/** Items read per step (shared by the segments); the browser calls step after step and shows the progress. */
export const PURGE_STEP = 5000;

export interface PurgeProgress {
  scanned: number;
  deleted: number;
  remaining: number;
  /** DescribeTable's approximate item count at the first step, for the progress bar. */
  approximateItems: number;
  done: boolean;
  /** DynamoDB became unreachable during this step: the figures so far are exact, and `cursor` resumes the step. */
  interrupted?: boolean;
  /** Sealed; continues this run (same operator, same audit entry). */
  cursor: string | null;
  message: string;
}

/**
 * Deletes sessions and verification tokens whose `expires` has passed but which TTL has not
 * removed yet, one step of a parallel-segment Scan at a time, all steps recorded in one audit
 * entry. DescribeTable runs on the first step only; its count and the segments' positions
 * travel in the sealed cursor.
 */
export async function purgeExpiredStep(operator: Operator | null, request: { reason: string; cursor?: string; step?: number }): Promise<PurgeProgress> {
  const budget = request.step ?? PURGE_STEP;
  const allowed = authorizeMutation(operator);
  const table = productTable();
  const view = `purge-v2:${allowed.email}`;
  let handle: AuditHandle;
  let totals = { scanned: 0, deleted: 0, remaining: 0 };
  let approximateItems: number;
  let positions: SegmentPosition[];
  if (request.cursor) {
    const state = openCursor(table.secret, view, request.cursor);
    handle = state.start.handle as AuditHandle;
    positions = state.start.segments as SegmentPosition[];
    const { scanned = 0, deleted = 0, remaining = 0, approximateItems: approximate = 0 } = state.progress ?? {};
    totals = { scanned, deleted, remaining };
    approximateItems = approximate;
  } else {
    approximateItems = await approximateItemCount(table);
    positions = startSegments(approximateItems, budget);
    handle = await startAudit(allowed, await requestContext(), "purge-expired", {}, request.reason);
  }

  const now = Date.now();
  const { pk, sk } = table.keys.names;
  let deletedThisStep = 0;
  try {
    const step = await scanProductSegments(table, new Meter(), {
      filter: {
        expression: "(begins_with(#sk, :session) OR begins_with(#pk, :vt)) AND #expires < :now",
        names: { "#pk": pk, "#sk": sk, "#expires": "expires" },
        values: { ":session": prefixes.session, ":vt": prefixes.verificationToken, ":now": now / 1000 },
      },
      projection: [],
      positions,
      budget,
    });
    const result = await batchDelete(table.doc, table.schema.tableName, step.items.map((item) => table.keys.keyOf(item)), {
      onProgress: (deleted) => (deletedThisStep = deleted),
    });
    totals = { scanned: totals.scanned + step.scanned, deleted: totals.deleted + result.deleted, remaining: totals.remaining + result.remaining.length };
    const message = `Purged ${totals.deleted} expired item${totals.deleted === 1 ? "" : "s"} after reading ${totals.scanned}.${totals.remaining ? ` ${totals.remaining} could not be deleted (throttling); run it again.` : ""}`;
    if (step.done) await finishAudit(handle, { result: totals.remaining ? "partial" : "ok", message, counts: totals });
    else await progressAudit(handle, totals);
    return {
      ...totals,
      approximateItems,
      done: step.done,
      cursor: step.done ? null : sealCursor(table.secret, view, { start: { handle, segments: step.positions }, trail: [], progress: { ...totals, approximateItems } }),
      message,
    };
  } catch (error) {
    if (error instanceof DynamoUnavailableError) {
      // Resume this step from its start: what it deleted is counted, and the items it did not
      // reach are still there for the repeated Scan to find. The audit entry stays open (it
      // cannot be written now) and the resumed run finishes it.
      totals = { ...totals, deleted: totals.deleted + deletedThisStep };
      return {
        ...totals,
        approximateItems,
        done: false,
        interrupted: true,
        cursor: sealCursor(table.secret, view, { start: { handle, segments: positions }, trail: [], progress: { ...totals, approximateItems } }),
        message: `DynamoDB became unreachable: purged ${totals.deleted} expired item${totals.deleted === 1 ? "" : "s"} so far. Retry resumes where it stopped.`,
      };
    }
    await finishAudit(handle, { result: "failed", message: `failed: ${error instanceof Error ? error.message : String(error)}`, counts: totals }).catch(() => {});
    throw error;
  }
}
