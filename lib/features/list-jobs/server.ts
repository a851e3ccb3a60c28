import "server-only";
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { authorizeRecorded, failureMessage, type Outcome, RefusedError, scopeOf } from "@/lib/audit/act";
import { type AuditAction, AuditError, type AuditHandle } from "@/lib/audit/entry";
import { AUDIT_INCOMPLETE, completeAudit } from "@/lib/audit/repair";
import { progressAudit, startAudit } from "@/lib/audit/writer";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import { authorizeDryRun } from "@/lib/auth/dry-run";
import { type Operator, principalId } from "@/lib/auth/principal";
import { requestContext } from "@/lib/auth/request-context";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { errorSummary } from "@/lib/dynamo/error-summary";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { productTable } from "@/lib/dynamo/product-table";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { tallyWrites, type WriteTally } from "@/lib/dynamo/write-tally";
import type { BlockDuration } from "@/lib/features/block/durations";
import { blockUser } from "@/lib/features/block/server";
import { deleteUser } from "@/lib/features/delete-user/server";
import { type ListAction, listActionLabels, MAX_LIST_ENTRIES, parseList } from "@/lib/features/list-jobs/entries";
import { listFingerprint } from "@/lib/features/list-jobs/fingerprint";
import { addOutcomes, type EntryResult, emptyCounts, type JobCounts } from "@/lib/features/list-jobs/outcomes";
import { type ListJobPreview, listJobPreview } from "@/lib/features/list-jobs/preview";
import { revokeUserSessions } from "@/lib/features/revoke/server";
import { plural } from "@/lib/format/plural";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import { actsBetween, claimAct, recordAct } from "./acts";
import { JobStepBusyError, NoSuchJobError } from "./errors";
import { holdLease, LeaseLostError } from "./lease";
import { resolveWithinBudget } from "./resolve";
import type { ListJobStatus } from "./status";

// Defined in status.ts, where the job page's client parts can reach it; re-exported for the action and the routes.
export type { ListJobStatus };

/** Entries per stored chunk of a job's list (a 10,000-entry list is 20 items, each well under 400 KB). */
const CHUNK = 500;
export const DEFAULT_STEP = 50;
export const MAX_STEP = 200;
/** Users acted on at once within a step. */
const STEP_CONCURRENCY = 8;
/** How long a step holds its job: a step cut short by an outage (or whose server died) is taken over after this. */
export const STEP_LEASE_MS = 30_000;
/** Jobs (their lists and results name users) are kept for 30 days; the audit log keeps the rest. */
const KEEP_SECONDS = 30 * 24 * 3600;

/** Each user's entry is the action's own, under its own scope. */
const userActions: Record<ListAction, AuditAction> = { "revoke-all": "revoke-all-sessions", block: "block-user", delete: "delete-user" };

export interface ListJobRequest {
  action: ListAction;
  /** The list, one email or user id per line (or the lines). */
  entries: string | readonly string[];
  reason: string;
  /** Block only. */
  duration?: BlockDuration;
}

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

interface JobItem {
  jobId: string;
  action: ListAction;
  duration: BlockDuration | null;
  reason: string;
  principal: string;
  createdBy: string;
  apiKey?: { id: string; name: string };
  createdAt: string;
  listFingerprint: string;
  total: number;
  position: number;
  counts: JobCounts;
  writeUnits: number;
  writeRequests: number;
  elapsedMs: number;
  audit: AuditHandle;
  stepUntil?: number;
  /** The step holding the lease. */
  stepId?: string;
  finishedAt?: string;
  auditIncomplete?: boolean;
}

const view = (jobId: string) => `list-job:${jobId}`;

/** The list, parsed: what a preview and a job both start from. */
function prepare(request: Pick<ListJobRequest, "entries">) {
  const parsed = parseList(request.entries);
  const entries = [...parsed.entries, ...parsed.invalid];
  if (entries.length === 0) throw new RefusedError("The list is empty: paste or upload one email or user id per line.");
  if (entries.length > MAX_LIST_ENTRIES)
    throw new RefusedError(
      `The list holds ${entries.length.toLocaleString("en-US")} entries; a job takes at most ${MAX_LIST_ENTRIES.toLocaleString("en-US")}. Split it.`,
    );
  return { parsed, entries, fingerprint: listFingerprint(entries) };
}

/**
 * The dry run of a job (the API's dryRun): every entry resolved, the preview the console shows,
 * nothing changed. A read: it needs `read` beside the job's scope (no step-up, no audit entry of
 * the action), and its lookups are charged to the read budget as they go.
 */
export async function previewListJob(operator: Operator | null, request: ListJobRequest): Promise<ListJobPreview> {
  const allowed = authorizeDryRun(operator, scopeOf(userActions[request.action]));
  const { parsed, fingerprint } = prepare(request);
  const resolved = await resolveWithinBudget(allowed, productTable(), parsed.entries);
  return listJobPreview({
    action: request.action,
    duration: request.duration,
    resolved,
    invalid: parsed.invalid,
    ignored: parsed.ignored,
    listFingerprint: fingerprint,
  });
}

/** A listed entry as resolved when its job was created: userId null when no user had it then. */
interface StoredEntry {
  entry: string;
  userId: string | null;
  email: string | null;
}

/**
 * Creates a job: its list resolved to user ids and stored in chunks, its batch audit entry opened (with the list's
 * fingerprint, never the list), nothing done to any user yet. Delete needs step-up here,
 * once for the whole job.
 */
export async function createListJob(operator: Operator | null, request: ListJobRequest): Promise<ListJobStatus> {
  const context = await requestContext();
  const allowed = await authorizeRecorded(operator, userActions[request.action], {}, context, { stepUp: request.action === "delete" });
  if (request.action === "block" && !request.duration) throw new RefusedError("Block needs a duration.");
  const { entries, fingerprint } = prepare(request);
  // Resolved once, here: steps act on these user ids only, so an address nobody held when the
  // job was previewed and created is never acted on, however late a step runs. The lookups are
  // reads like the dry run's, charged to the same read budget.
  const resolved: StoredEntry[] = (await resolveWithinBudget(allowed, productTable(), entries)).map(({ entry, userId, email }) => ({ entry, userId, email }));
  const table = gatehouseTable();
  const jobId = randomUUID();
  const createdAt = new Date().toISOString();
  const expires = Math.floor(Date.now() / 1000) + KEEP_SECONDS;
  const audit = await startAudit(allowed, context, "list-job", { jobId, listFingerprint: fingerprint }, request.reason);
  await progressAudit(audit, { total: entries.length }).catch(() => {});
  const item: JobItem = {
    jobId,
    action: request.action,
    duration: request.action === "block" ? (request.duration ?? null) : null,
    reason: request.reason,
    principal: principalId(allowed),
    createdBy: allowed.email,
    ...(allowed.kind === "api-key" ? { apiKey: { id: allowed.keyId, name: allowed.name } } : {}),
    createdAt,
    listFingerprint: fingerprint,
    total: entries.length,
    position: 0,
    counts: emptyCounts(),
    writeUnits: 0,
    writeRequests: 0,
    elapsedMs: 0,
    audit,
  };
  try {
    for (let start = 0; start < entries.length; start += CHUNK) {
      await table.doc.put({
        TableName: table.schema.tableName,
        Item: { ...table.jobEntriesKey(jobId, start), type: "JOB-ENTRIES", resolved: resolved.slice(start, start + CHUNK), expires },
      });
    }
    // The job item last: a job that exists has its whole list.
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: { ...table.jobKey(jobId), ...table.jobIndex(createdAt, jobId), type: "JOB", ...item, expires },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": table.names.pk },
    });
  } catch (error) {
    await completeAudit(audit, { result: "failed", message: failureMessage(error, "list-job", context.requestId) });
    throw error;
  }
  return statusOf(item);
}

async function readJob(jobId: string): Promise<JobItem | null> {
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.jobKey(jobId), ConsistentRead: true });
  return Item?.type === "JOB" ? (Item as unknown as JobItem) : null;
}

/** A job's state, for whoever may read (the `read` scope). null: no such job (or it has expired). */
export async function getListJob(operator: Operator | null, jobId: string): Promise<ListJobStatus | null> {
  authorize(operator, "read");
  const job = await readJob(jobId);
  return job ? statusOf(job) : null;
}

/** The most recent jobs, newest first: one Query on GSI1 partition JOBS. */
export async function recentListJobs(operator: Operator | null, limit = 10): Promise<ListJobStatus[]> {
  authorize(operator, "read");
  const table = gatehouseTable();
  const { Items = [] } = await table.doc.query({
    TableName: table.schema.tableName,
    IndexName: table.schema.indexName,
    KeyConditionExpression: "#gpk = :gpk",
    ExpressionAttributeNames: { "#gpk": table.names.gpk },
    ExpressionAttributeValues: { ":gpk": table.jobsPartition },
    ScanIndexForward: false,
    Limit: limit,
  });
  return Items.filter((item) => item.type === "JOB").map((item) => statusOf(item as unknown as JobItem));
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
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.jobKey(job.jobId),
      UpdateExpression: "SET #lease = :until, #step = :step",
      ConditionExpression: "#position = :position AND (attribute_not_exists(#lease) OR #lease < :now)",
      ExpressionAttributeNames: { "#lease": "stepUntil", "#step": "stepId", "#position": "position" },
      ExpressionAttributeValues: { ":until": now + leaseMs, ":step": stepId, ":position": position, ":now": now },
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
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

const auditCounts = (job: JobItem) => ({
  total: job.total,
  processed: job.position,
  ...job.counts,
  writeUnits: job.writeUnits,
  writeRequests: job.writeRequests,
});

const pastTense: Record<ListAction, string> = { "revoke-all": "Revoked all sessions of", block: "Blocked", delete: "Deleted" };

function messageOf(job: JobItem): string {
  const { counts } = job;
  const done = job.position >= job.total;
  const acted = counts.ok + counts.partial;
  const head = done
    ? `${pastTense[job.action]} ${plural(acted, "listed user")}`
    : `${listActionLabels[job.action]}: ${job.position.toLocaleString("en-US")} of ${plural(job.total, "listed entry", "listed entries")} done`;
  const tail = [
    counts.notFound ? `${counts.notFound.toLocaleString("en-US")} not found` : "",
    counts.partial ? `${counts.partial.toLocaleString("en-US")} partial (run their action again)` : "",
    counts.failed ? `${counts.failed.toLocaleString("en-US")} failed` : "",
  ].filter(Boolean);
  const message = `${head}${tail.length ? `; ${tail.join(", ")}` : ""}.`;
  return done && job.auditIncomplete ? `${message} ${AUDIT_INCOMPLETE}` : message;
}

function statusOf(job: JobItem): ListJobStatus {
  const done = job.position >= job.total;
  return {
    id: job.jobId,
    action: job.action,
    for: job.duration ?? null,
    reason: job.reason,
    state: done ? "done" : "running",
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    ...(job.apiKey ? { apiKey: job.apiKey } : {}),
    listFingerprint: job.listFingerprint,
    total: job.total,
    processed: job.position,
    counts: job.counts,
    writeUnits: job.writeUnits,
    writeRequests: job.writeRequests,
    elapsedMs: job.elapsedMs,
    cursor: done ? null : sealCursor(productTable().secret, view(job.jobId), { start: { position: job.position }, trail: [] }),
    auditId: job.audit.id,
    message: messageOf(job),
    ...(job.auditIncomplete ? { auditIncomplete: true } : {}),
  };
}

export interface ResultsPage {
  results: EntryResult[];
  nextCursor: string | null;
}

/**
 * A job's results in list order, whole steps at a time (at most `limit` rows unless one step
 * holds more): a Query on the job's partition from a sealed cursor.
 */
export async function listJobResults(operator: Operator | null, request: { jobId: string; cursor?: string; limit?: number }): Promise<ResultsPage | null> {
  authorize(operator, "read");
  const job = await readJob(request.jobId);
  if (!job) return null;
  const table = gatehouseTable();
  const limit = request.limit ?? 500;
  const secret = productTable().secret;
  const resultsView = `${view(job.jobId)}:results`;
  const from = request.cursor ? Number(openCursor(secret, resultsView, request.cursor).start.position) : 0;
  const results: EntryResult[] = [];
  let next: number | null = null;
  let startKey: Record<string, unknown> | undefined;
  outer: do {
    const page = await table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#pk": table.names.pk, "#sk": table.names.sk },
      ExpressionAttributeValues: { ":pk": table.jobPartition(job.jobId), ":from": table.jobResultsKey(job.jobId, from)[table.names.sk], ":to": "RESULT#~" },
      ConsistentRead: true,
      Limit: 10,
      ExclusiveStartKey: startKey,
    });
    for (const item of page.Items ?? []) {
      const rows = (item.results ?? []) as EntryResult[];
      const at = Number(String(item[table.names.sk]).slice("RESULT#".length));
      if (results.length && results.length + rows.length > limit) {
        next = at;
        break outer;
      }
      results.push(...rows);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { results, nextCursor: next === null ? null : sealCursor(secret, resultsView, { start: { position: next }, trail: [] }) };
}

/** Every result, for the CSV download: pages until the end. */
export async function* allJobResults(operator: Operator | null, jobId: string): AsyncGenerator<EntryResult[]> {
  let cursor: string | undefined;
  do {
    const page = await listJobResults(operator, { jobId, cursor, limit: 1000 });
    if (!page) return;
    yield page.results;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
