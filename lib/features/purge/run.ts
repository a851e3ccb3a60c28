import "server-only";
import { randomUUID } from "node:crypto";
import { RefusedError } from "@/lib/audit/act";
import type { AuditHandle } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { type Operator, principalId } from "@/lib/auth/principal";
import { conditionHeld } from "@/lib/dynamo/condition-held";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";

/**
 * A Purge expired run as an item of the Gatehouse table: who started it, its audit entry, its
 * state and the number of the step it runs next. Its cursors seal the run's id and the step they
 * run, so a cursor continues one run, once per step, by the operator who started it, and never
 * after the run has ended.
 */
export interface PurgeRun {
  runId: string;
  principal: string;
  createdBy: string;
  audit: AuditHandle;
  approximateItems: number;
  state: "running" | "done" | "failed" | "stopped";
  /** The step its next cursor runs. */
  step: number;
}

/** Runs outlive their cursors (a day) by a day, then TTL removes them. */
const KEEP_SECONDS = 2 * 24 * 3600;

export async function createPurgeRun(operator: Operator, audit: AuditHandle, approximateItems: number): Promise<PurgeRun> {
  const table = gatehouseTable();
  const run: PurgeRun = {
    runId: randomUUID(),
    principal: principalId(operator),
    createdBy: operator.email,
    audit,
    approximateItems,
    state: "running",
    step: 0,
  };
  await table.doc.put({
    TableName: table.schema.tableName,
    Item: {
      ...table.purgeRunKey(run.runId),
      type: "PURGE-RUN",
      ...run,
      createdAt: new Date().toISOString(),
      expires: Math.floor(Date.now() / 1000) + KEEP_SECONDS,
    },
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": table.names.pk },
  });
  return run;
}

/** The run a cursor names, if this operator may run its step `step` now; a clear refusal otherwise. */
export async function openPurgeRun(operator: Operator, runId: string, step: number): Promise<PurgeRun> {
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.purgeRunKey(runId), ConsistentRead: true });
  if (Item?.type !== "PURGE-RUN") throw new RefusedError("This purge run is unknown or has expired: start a new purge.");
  const run = Item as unknown as PurgeRun;
  if (run.principal !== principalId(operator)) throw new ForbiddenError(`This purge run was started by ${run.createdBy}; only they can continue it.`);
  if (run.state !== "running") throw new RefusedError(`This purge run has ${run.state === "done" ? "finished" : "ended"}: start a new purge.`);
  if (run.step !== step) throw new RefusedError("This step of the purge has already run: continue from its latest step, or start a new purge.");
  return run;
}

/**
 * Takes step `step` of the run (one request at a time: a second request with the same cursor is
 * refused) and records the totals it starts from. Not a lease (lib/dynamo/lease.ts): a step is
 * taken once, for good, with no holder or expiry; the scan lease that heavyScanStep holds is the lease.
 */
export async function claimPurgeStep(run: PurgeRun, step: number, totals: Record<string, number>): Promise<void> {
  const table = gatehouseTable();
  const claimed = await conditionHeld(
    table.doc.update({
      TableName: table.schema.tableName,
      Key: table.purgeRunKey(run.runId),
      UpdateExpression: "SET #step = :next, #totals = :totals",
      ConditionExpression: "#step = :step AND #state = :running",
      ExpressionAttributeNames: { "#step": "step", "#state": "state", "#totals": "totals" },
      ExpressionAttributeValues: { ":step": step, ":next": step + 1, ":running": "running", ":totals": totals },
    }),
  );
  if (!claimed) throw new RefusedError("This step of the purge has already run: continue from its latest step, or start a new purge.");
}

/** Ends the run: none of its cursors runs a step after this. */
export async function endPurgeRun(run: PurgeRun, state: Exclude<PurgeRun["state"], "running">, totals: Record<string, number>): Promise<void> {
  const table = gatehouseTable();
  await table.doc.update({
    TableName: table.schema.tableName,
    Key: table.purgeRunKey(run.runId),
    UpdateExpression: "SET #state = :state, #totals = :totals",
    ExpressionAttributeNames: { "#state": "state", "#totals": "totals" },
    ExpressionAttributeValues: { ":state": state, ":totals": totals },
  });
}
