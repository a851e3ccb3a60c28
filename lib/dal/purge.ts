import "server-only";
import type { Operator } from "@/lib/auth/operator";
import { requestContext } from "@/lib/auth/request-context";
import { openCursor, sealCursor } from "@/lib/cursor";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter } from "@/lib/dynamo/meter";
import { authorizeMutation } from "./act";
import { finishAudit, progressAudit, startAudit, type AuditHandle } from "./audit";
import { productTable, scanProduct } from "./product-table";

/** Items read per step; the browser calls step after step and shows the progress. */
export const PURGE_STEP = 5000;

export interface PurgeProgress {
  scanned: number;
  deleted: number;
  remaining: number;
  /** DescribeTable's approximate item count, for the progress bar. */
  approximateItems: number;
  done: boolean;
  /** Sealed; continues this run (same operator, same audit entry). */
  cursor: string | null;
  message: string;
}

/**
 * Deletes sessions and verification tokens whose `expires` has passed but which TTL has not
 * removed yet, one step of a Scan at a time, all steps recorded in one audit entry.
 */
export async function purgeExpiredStep(operator: Operator | null, request: { reason: string; cursor?: string }): Promise<PurgeProgress> {
  const allowed = authorizeMutation(operator);
  const table = productTable();
  const view = `purge:${allowed.email}`;
  let handle: AuditHandle;
  let totals = { scanned: 0, deleted: 0, remaining: 0 };
  let start: Record<string, unknown> | undefined;
  if (request.cursor) {
    const state = openCursor(table.secret, view, request.cursor);
    handle = state.start.handle as AuditHandle;
    start = state.start.key as Record<string, unknown> | undefined;
    totals = { scanned: state.progress?.scanned ?? 0, deleted: state.progress?.deleted ?? 0, remaining: state.progress?.remaining ?? 0 };
  } else {
    handle = await startAudit(allowed, await requestContext(), "purge-expired", {}, request.reason);
  }

  const now = Date.now();
  const { pk, sk } = table.keys.names;
  try {
    const page = await scanProduct(table, new Meter(), {
      filter: {
        expression: "(begins_with(#sk, :session) OR begins_with(#pk, :vt)) AND #expires < :now",
        names: { "#pk": pk, "#sk": sk, "#expires": "expires" },
        values: { ":session": prefixes.session, ":vt": prefixes.verificationToken, ":now": now / 1000 },
      },
      projection: [],
      pageSize: Number.MAX_SAFE_INTEGER,
      start,
      budget: PURGE_STEP,
    });
    const result = await batchDelete(table.doc, table.schema.tableName, page.items.map((item) => table.keys.keyOf(item)));
    totals = { scanned: totals.scanned + page.scanned, deleted: totals.deleted + result.deleted, remaining: totals.remaining + result.remaining.length };
    const { Table } = await table.raw.describeTable({ TableName: table.schema.tableName });
    const done = !page.next;
    const message = `Purged ${totals.deleted} expired item${totals.deleted === 1 ? "" : "s"} after reading ${totals.scanned}.${totals.remaining ? ` ${totals.remaining} could not be deleted (throttling); run it again.` : ""}`;
    if (done) await finishAudit(handle, { result: totals.remaining ? "partial" : "ok", message, counts: totals });
    else await progressAudit(handle, totals);
    return {
      ...totals,
      approximateItems: Table?.ItemCount ?? 0,
      done,
      cursor: done ? null : sealCursor(table.secret, view, { start: { handle, key: page.next }, trail: [], progress: totals }),
      message,
    };
  } catch (error) {
    await finishAudit(handle, { result: "failed", message: `failed: ${error instanceof Error ? error.message : String(error)}`, counts: totals }).catch(() => {});
    throw error;
  }
}
