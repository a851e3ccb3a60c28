import "server-only";
import { randomUUID } from "node:crypto";
import { authorizeRecorded, type Outcome, RefusedError } from "@/lib/audit/act";
import { AuditError } from "@/lib/audit/entry";
import { completeAudit } from "@/lib/audit/repair";
import { progressAudit } from "@/lib/audit/writer";
import { ForbiddenError } from "@/lib/auth/authorize";
import { type Operator, principalId } from "@/lib/auth/principal";
import { requestContext } from "@/lib/auth/request-context";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { errorSummary } from "@/lib/dynamo/error-summary";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { productTable } from "@/lib/dynamo/product-table";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { tallyWrites, type WriteTally } from "@/lib/dynamo/write-tally";
import { blockUser } from "@/lib/features/block/server";
import { deleteUser } from "@/lib/features/delete-user/server";
import { revokeUserSessions } from "@/lib/features/revoke/server";
import { openCursor } from "@/lib/http/cursor";
import { actsBetween, claimAct, recordAct } from "./acts";
import { JobStepBusyError, NoSuchJobError } from "./errors";
import { auditCounts, CHUNK, type JobItem, KEEP_SECONDS, messageOf, readJob, type StoredEntry, statusOf, userActions, view } from "./job";
import { claimStepLease, holdLease, LeaseLostError } from "./lease";
import { addOutcomes, type EntryResult } from "./outcomes";
import type { ListJobStatus } from "./status";

export const DEFAULT_STEP = 50;
export const MAX_STEP = 200;
/** Users acted on at once within a step. */
const STEP_CONCURRENCY = 8;
/** How long a step holds its job: a step cut short by an outage (or whose server died) is taken over after this. */
export const STEP_LEASE_MS = 30_000;

/** Seams for tests: a step's clock and lease length, and points where a test can hold a step or fail its results write. */
export interface StepHooks {
  leaseMs?: number;
  now?: () => number;
  beforeUser?: (index: number) => Promise<void>;
  afterUser?: (index: number) => void;
  beforeResultsWrite?: () => Promise<void>;
}

export interface StepReport {
  processed: number;
  writeUnits: number;
  writeRequests: number;
  ms: number;
}

/**
 * Runs the job's next step: up to `size` listed users, STEP_CONCURRENCY at a time, each by the
 * console's own action (one audit entry per user, naming the job), on the user ids resolved
 * when the job was created. The cursor names the step; a cursor whose step already ran returns
 * the job as it is. Only the job's creator steps it, and only one step runs at a time (a lease
 * on the job item, renewed while the step runs); each user's act is claimed and its outcome
 * recorded, so neither a retry nor a step taking over acts on a user twice.
 */
export async function stepListJob(
  operator: Operator | null,
  request: { jobId: string; cursor: string; size?: number },
  hooks: StepHooks = {},
): Promise<{ job: ListJobStatus; step: StepReport }> {
  const context = await requestContext();
  const size = Math.min(Math.max(1, Math.floor(request.size ?? DEFAULT_STEP)), MAX_STEP);
  const table = gatehouseTable();
  const job = await readJob(request.jobId);
  if (!job) throw new NoSuchJobError(request.jobId);
  const allowed = await authorizeRecorded(operator, userActions[job.action], { jobId: job.jobId }, context);
  if (principalId(allowed) !== job.principal)
    throw new ForbiddenError(`This job was started by ${job.apiKey ? `the API key ${job.apiKey.name}` : job.createdBy}; only they can run its steps.`);
  const position = Number(openCursor(productTable().secret, view(job.jobId), request.cursor).start.position);
  const idle: StepReport = { processed: 0, writeUnits: 0, writeRequests: 0, ms: 0 };
  if (position !== job.position || job.position >= job.total) return { job: statusOf(job), step: idle };

  const clock = hooks.now ?? Date.now;
  const leaseMs = hooks.leaseMs ?? STEP_LEASE_MS;
  const stepId = randomUUID();
  const now = clock();
  if (!(await claimStepLease({ jobId: job.jobId, position, stepId }, leaseMs, now))) {
    const current = await readJob(job.jobId);
    if (current && current.position !== position) return { job: statusOf(current), step: idle };
    throw new JobStepBusyError(Math.max(1, Math.ceil(((current?.stepUntil ?? now) - now) / 1000)));
  }

  const lease = holdLease({ jobId: job.jobId, position, stepId }, leaseMs, clock);
  const end = Math.min(position + size, job.total);
  const expires = Math.floor(Date.now() / 1000) + KEEP_SECONDS;
  let acted: { result: EntryResult; writes: WriteTally }[];
  const started = performance.now();
  try {
    const entries = await entriesBetween(job.jobId, position, end);
    const acts = await actsBetween(job.jobId, position, end);
    acted = await mapConcurrent(entries, STEP_CONCURRENCY, async (entry, offset) => {
      await hooks.beforeUser?.(offset);
      const index = position + offset;
      const prior = acts.get(index);
      let outcome = prior?.result ? { result: prior.result, writes: prior.writes ?? { requests: 0, units: 0 } } : undefined;
      if (!outcome && !entry.userId) outcome = { result: notFound(entry), writes: { requests: 0, units: 0 } };
      if (!outcome) {
        // Still this step's job, and the user claimed, before acting; the outcome recorded at once.
        await lease.renew();
        await claimAct(job.jobId, index, stepId, prior, expires);
        const { result, writes } = await tallyWrites(() => actOn(allowed, job, entry));
        await recordAct(job.jobId, index, stepId, result, writes);
        outcome = { result, writes };
      }
      hooks.afterUser?.(offset);
      return outcome;
    });
    // Checked once more before the results are written: a step that lost its job writes nothing.
    await lease.renew();
    lease.stop();
  } catch (error) {
    // Another step took the job over (this one outlived its lease): it acts on the users this one
    // had not reached, reusing the outcomes recorded; this one stops and reports the job as it is.
    if (error instanceof LeaseLostError) {
      lease.stop();
      const current = await readJob(job.jobId);
      return { job: statusOf(current ?? job), step: idle };
    }
    // DynamoDB gone mid-step (or the list unreadable): the same cursor runs the step again and
    // reuses every outcome recorded; only a user whose action was cut short is acted on again.
    await lease.release().catch(() => {});
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  const results = acted.map((a) => a.result);
  const writes = acted.reduce((sum, a) => ({ requests: sum.requests + a.writes.requests, units: sum.units + a.writes.units }), { requests: 0, units: 0 });

  const next: JobItem = {
    ...job,
    position: end,
    counts: addOutcomes(job.counts, results),
    writeUnits: Math.round((job.writeUnits + writes.units) * 10) / 10,
    writeRequests: job.writeRequests + writes.requests,
    elapsedMs: job.elapsedMs + ms,
    ...(end >= job.total ? { finishedAt: new Date().toISOString() } : {}),
  };
  try {
    await hooks.beforeResultsWrite?.();
    await table.doc.put({ TableName: table.schema.tableName, Item: { ...table.jobResultsKey(job.jobId, position), type: "JOB-RESULTS", results, expires } });
    if (end >= job.total)
      next.auditIncomplete = !(await completeAudit(job.audit, {
        result: next.counts.failed || next.counts.partial ? "partial" : "ok",
        message: messageOf(next),
        counts: auditCounts(next),
      }));
    else await progressAudit(job.audit, auditCounts(next)).catch(() => {});
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.jobKey(job.jobId),
      UpdateExpression:
        "SET #position = :end, #counts = :counts, #units = :units, #requests = :requests, #elapsed = :elapsed" +
        (next.finishedAt ? ", #finished = :finished, #incomplete = :incomplete" : "") +
        " REMOVE #lease, #step",
      ConditionExpression: "#position = :position AND #step = :step",
      ExpressionAttributeNames: {
        "#position": "position",
        "#counts": "counts",
        "#units": "writeUnits",
        "#requests": "writeRequests",
        "#elapsed": "elapsedMs",
        "#lease": "stepUntil",
        "#step": "stepId",
        ...(next.finishedAt ? { "#finished": "finishedAt", "#incomplete": "auditIncomplete" } : {}),
      },
      ExpressionAttributeValues: {
        ":end": end,
        ":position": position,
        ":step": stepId,
        ":counts": next.counts,
        ":units": next.writeUnits,
        ":requests": next.writeRequests,
        ":elapsed": next.elapsedMs,
        ...(next.finishedAt ? { ":finished": next.finishedAt, ":incomplete": next.auditIncomplete ?? false } : {}),
      },
    });
  } catch (error) {
    // Every user's outcome is recorded: the same cursor writes the results without acting again.
    await lease.release().catch(() => {});
    throw error;
  }
  return { job: statusOf(next), step: { processed: end - position, writeUnits: Math.round(writes.units * 10) / 10, writeRequests: writes.requests, ms } };
}

/** The listed entries [start, end) as resolved when the job was created, from the chunks that hold them. */
async function entriesBetween(jobId: string, start: number, end: number): Promise<StoredEntry[]> {
  const table = gatehouseTable();
  const entries: StoredEntry[] = [];
  for (let chunk = Math.floor(start / CHUNK) * CHUNK; chunk < end; chunk += CHUNK) {
    const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.jobEntriesKey(jobId, chunk), ConsistentRead: true });
    // A job stored before entries were resolved at creation holds bare strings: acting on them
    // would look them up now, not as previewed.
    if (Item && !Array.isArray(Item.resolved))
      throw new RefusedError("This job was created by an earlier version, which looked its users up at each step: start a new job from its list.");
    const list = Array.isArray(Item?.resolved) ? (Item.resolved as StoredEntry[]) : [];
    entries.push(...list.slice(Math.max(0, start - chunk), end - chunk));
  }
  if (entries.length !== end - start) throw new Error(`List job ${jobId}: its stored list is incomplete.`);
  return entries;
}

const notFound = (entry: StoredEntry): EntryResult => ({
  entry: entry.entry,
  userId: null,
  email: null,
  outcome: "not-found",
  message: "No user had this email or id when the job was created.",
});

/** One listed user, as resolved at the job's creation, acted on by the console's own action. */
async function actOn(operator: Operator, job: JobItem, entry: StoredEntry): Promise<EntryResult> {
  const { userId } = entry;
  // The caller only acts on entries that named a user; one that did not is reported, never acted on.
  if (!userId) return notFound(entry);
  const base = { entry: entry.entry, userId, email: entry.email };
  const link = { jobId: job.jobId };
  try {
    let outcome: Outcome;
    if (job.action === "revoke-all") outcome = await revokeUserSessions(operator, { userId, reason: job.reason, job: link });
    else if (job.action === "block") outcome = await blockUser(operator, { userId, reason: job.reason, duration: job.duration ?? "permanent", job: link });
    else outcome = await deleteUser(operator, { userId, reason: job.reason, job: link });
    return { ...base, outcome: outcome.result === "ok" ? "ok" : outcome.result === "partial" ? "partial" : "failed", message: outcome.message };
  } catch (error) {
    // DynamoDB (or the audit log) unreachable: the whole step runs again from its cursor.
    if (error instanceof DynamoUnavailableError || error instanceof AuditError) throw error;
    // Gone since the job was created (deleted, merged): nothing left to act on.
    if (error instanceof RefusedError && error.message.startsWith("No user ")) return { ...base, outcome: "not-found", message: error.message };
    return {
      ...base,
      outcome: "failed",
      message: error instanceof RefusedError || error instanceof ForbiddenError ? error.message : `Failed: ${errorSummary(error)}`,
    };
  }
}
