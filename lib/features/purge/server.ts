import "server-only";
import { authorizeRecorded, failureMessage } from "@/lib/audit/act";
import { AuditError, type AuditHandle } from "@/lib/audit/entry";
import { AUDIT_INCOMPLETE, completeAudit } from "@/lib/audit/repair";
import { progressAudit, startAudit } from "@/lib/audit/writer";
import { type Operator, principalId } from "@/lib/auth/principal";
import { requestContext } from "@/lib/auth/request-context";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { heavyScanStep } from "@/lib/dynamo/heavy-scan";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter } from "@/lib/dynamo/meter";
import { type SegmentPosition, startSegments } from "@/lib/dynamo/parallel-scan";
import { approximateItemCount, productTable, scanProductSegments } from "@/lib/dynamo/product-table";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { type CursorState, openCursor, sealCursor } from "@/lib/http/cursor";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { claimPurgeStep, createPurgeRun, endPurgeRun, openPurgeRun, type PurgeRun } from "./run";

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
  /** Sealed; runs this run's next step, once (same operator, same audit entry, the run's item in the Gatehouse table). */
  cursor: string | null;
  message: string;
  /** The purge is done, but its audit entry could not be completed yet. */
  auditIncomplete?: boolean;
}

/**
 * Deletes sessions and verification tokens whose `expires` has passed but which TTL has not
 * removed yet, one step of a parallel-segment Scan at a time, all steps recorded in one audit
 * entry. The first step makes the run an item of the Gatehouse table (who, state, next step);
 * DescribeTable runs then only. The sealed cursor names the run and its next step, with the
 * segments' positions and the run's scan lease: it runs that step once, for its operator, while
 * the run is running. Every step is a step-up action: a cursor continues a run, it does not
 * stand in for a recent sign-in.
 */
export async function purgeExpiredStep(operator: Operator | null, request: { reason: string; cursor?: string; step?: number }): Promise<PurgeProgress> {
  const budget = request.step ?? PURGE_STEP;
  const context = await requestContext();
  const allowed = await authorizeRecorded(operator, "purge-expired", {}, context, { stepUp: true });
  const table = productTable();
  const view = `purge-v3:${principalId(allowed)}`;
  let run: PurgeRun | undefined;
  let stepNumber = 0;
  let handle: AuditHandle | undefined;
  let totals = { scanned: 0, deleted: 0, remaining: 0 };
  let approximateItems = 0;
  let positions: SegmentPosition[] = [];
  let leaseId: string | undefined;
  if (request.cursor) {
    const state = openCursor(table.secret, view, request.cursor);
    stepNumber = Number(state.start.step);
    positions = state.start.segments as SegmentPosition[];
    leaseId = typeof state.start.lease === "string" ? state.start.lease : undefined;
    const { scanned = 0, deleted = 0, remaining = 0, approximateItems: approximate = 0 } = state.progress ?? {};
    totals = { scanned, deleted, remaining };
    approximateItems = approximate;
    try {
      run = await openPurgeRun(allowed, String(state.start.run), stepNumber);
    } catch (error) {
      // DynamoDB gone: nothing moved, and the same cursor resumes the run once it is back.
      if (error instanceof DynamoUnavailableError) return interruptedAt(totals, approximateItems, request.cursor);
      throw error;
    }
    handle = run.audit;
  }
  const ended = (state: "failed" | "stopped") => run && endPurgeRun(run, state, totals).catch(() => {});

  // One meter for the step's reads: the one heavyScanStep charges to the read budget.
  const meter = new Meter();
  try {
    return await heavyScanStep(allowed, "Purge expired", leaseId, meter, async (lease) => {
      if (!run) {
        approximateItems = await approximateItemCount(table);
        positions = startSegments(approximateItems, budget);
        handle = await startAudit(allowed, context, "purge-expired", {}, request.reason);
        run = await createPurgeRun(allowed, handle, approximateItems);
      }
      // One request per step: a replayed or raced cursor is refused here, before any read.
      await claimPurgeStep(run, stepNumber, totals);
      const started = run;
      const next = stepNumber + 1;
      if (!handle) throw new Error("purge: a step of a run with no audit entry");
      return purgeStep(handle, meter, {
        step: next,
        positions,
        budget,
        totals,
        approximateItems,
        seal: (state) => sealCursor(table.secret, view, { ...state, start: { segments: state.start.segments, run: started.runId, step: next, lease } }),
        end: (state, counts) => endPurgeRun(started, state, counts),
      });
    });
  } catch (error) {
    // DynamoDB gone before this step could start (its lease or budget check): nothing moved, so
    // the same cursor resumes it; the open audit entry waits for the resumed run.
    if (error instanceof DynamoUnavailableError && handle && request.cursor) return interruptedAt(totals, approximateItems, request.cursor);
    // Over the read budget mid-run: what was purged so far stands, and the entry says where it stopped.
    if (error instanceof RateLimitedError && handle) {
      const message = `Stopped after purging ${totals.deleted} of the expired items in the first ${totals.scanned} read: ${error.message}`;
      await ended("stopped");
      await completeAudit(handle, { result: "partial", message, counts: totals });
    }
    throw error;
  }
}

async function purgeStep(
  handle: AuditHandle,
  meter: Meter,
  run: {
    step: number;
    positions: SegmentPosition[];
    budget: number;
    totals: { scanned: number; deleted: number; remaining: number };
    approximateItems: number;
    seal: (state: CursorState) => string;
    end: (state: "done" | "failed", counts: Record<string, number>) => Promise<void>;
  },
): Promise<PurgeProgress> {
  const table = productTable();
  const now = Date.now();
  const { pk, sk } = table.keys.names;
  let totals = run.totals;
  let deletedThisStep = 0;
  try {
    // The step is in the run's audit entry before it deletes anything: no entry, no deletes.
    await progressAudit(handle, { ...totals, steps: run.step });
    const step = await scanProductSegments(table, meter, {
      filter: {
        expression: "(begins_with(#sk, :session) OR begins_with(#pk, :vt)) AND #expires < :now",
        names: { "#pk": pk, "#sk": sk, "#expires": "expires" },
        values: { ":session": prefixes.session, ":vt": prefixes.verificationToken, ":now": now / 1000 },
      },
      projection: [],
      positions: run.positions,
      budget: run.budget,
    });
    const result = await batchDelete(
      table.doc,
      table.schema.tableName,
      step.items.map((item) => table.keys.keyOf(item)),
      {
        onProgress: (deleted) => (deletedThisStep = deleted),
      },
    );
    totals = { scanned: totals.scanned + step.scanned, deleted: totals.deleted + result.deleted, remaining: totals.remaining + result.remaining.length };
    let message = `Purged ${totals.deleted} expired item${totals.deleted === 1 ? "" : "s"} after reading ${totals.scanned}.${totals.remaining ? ` ${totals.remaining} could not be deleted (throttling); run it again.` : ""}`;
    let auditIncomplete = false;
    if (step.done) {
      await run.end("done", totals).catch(() => {});
      auditIncomplete = !(await completeAudit(handle, { result: totals.remaining ? "partial" : "ok", message, counts: { ...totals, steps: run.step } }));
      if (auditIncomplete) message = `${message} ${AUDIT_INCOMPLETE}`;
    } else {
      // The counts also travel in the cursor and the last step records them: a lost progress update loses nothing.
      await progressAudit(handle, { ...totals, steps: run.step }).catch(() => {});
    }
    return {
      ...totals,
      approximateItems: run.approximateItems,
      done: step.done,
      cursor: step.done ? null : run.seal({ start: { segments: step.positions }, trail: [], progress: { ...totals, approximateItems: run.approximateItems } }),
      message,
      ...(auditIncomplete ? { auditIncomplete } : {}),
    };
  } catch (error) {
    if (error instanceof DynamoUnavailableError || (error instanceof AuditError && error.cause instanceof DynamoUnavailableError)) {
      // Resume this step from its start: what it deleted is counted, and the items it did not
      // reach are still there for the repeated Scan to find. The audit entry stays open (it
      // cannot be written now) and the resumed run finishes it.
      totals = { ...totals, deleted: totals.deleted + deletedThisStep };
      const progress = { ...totals, approximateItems: run.approximateItems };
      return interruptedAt(totals, run.approximateItems, run.seal({ start: { segments: run.positions }, trail: [], progress }));
    }
    await run.end("failed", totals).catch(() => {});
    await completeAudit(handle, { result: "failed", message: failureMessage(error, "purge-expired", handle.id), counts: totals });
    throw error;
  }
}

function interruptedAt(totals: { scanned: number; deleted: number; remaining: number }, approximateItems: number, cursor: string): PurgeProgress {
  return {
    ...totals,
    approximateItems,
    done: false,
    interrupted: true,
    cursor,
    message: `DynamoDB became unreachable: purged ${totals.deleted} expired item${totals.deleted === 1 ? "" : "s"} so far. Retry resumes where it stopped.`,
  };
}
