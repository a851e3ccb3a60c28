import "server-only";
import { randomUUID } from "node:crypto";
import { authorizeRecorded, failureMessage, RefusedError, scopeOf } from "@/lib/audit/act";
import { completeAudit } from "@/lib/audit/repair";
import { progressAudit, startAudit } from "@/lib/audit/writer";
import { authorize } from "@/lib/auth/authorize";
import { authorizeDryRun } from "@/lib/auth/dry-run";
import { type Operator, principalId } from "@/lib/auth/principal";
import { requestContext } from "@/lib/auth/request-context";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { productTable } from "@/lib/dynamo/product-table";
import type { BlockDuration } from "@/lib/features/block/durations";
import { type ListAction, MAX_LIST_ENTRIES, parseList } from "./entries";
import { listFingerprint } from "./fingerprint";
import { CHUNK, type JobItem, KEEP_SECONDS, readJob, type StoredEntry, statusOf, userActions } from "./job";
import { emptyCounts } from "./outcomes";
import { type ListJobPreview, listJobPreview } from "./preview";
import { resolveWithinBudget } from "./resolve";
import type { ListJobStatus } from "./status";

// Defined in status.ts, where the job page's client parts can reach it; re-exported for the pages and scripts that read jobs.
export type { ListJobStatus };

export interface ListJobRequest {
  action: ListAction;
  /** The list, one email or user id per line (or the lines). */
  entries: string | readonly string[];
  reason: string;
  /** Block only. */
  duration?: BlockDuration;
}

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
