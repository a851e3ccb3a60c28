import "server-only";
import type { AuditAction, AuditHandle } from "@/lib/audit/entry";
import { AUDIT_INCOMPLETE } from "@/lib/audit/repair";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { productTable } from "@/lib/dynamo/product-table";
import type { BlockDuration } from "@/lib/features/block/durations";
import { plural } from "@/lib/format/plural";
import { sealCursor } from "@/lib/http/cursor";
import { type ListAction, listActionLabels } from "./entries";
import type { JobCounts } from "./outcomes";
import type { ListJobStatus } from "./status";

/** Entries per stored chunk of a job's list (a 10,000-entry list is 20 items, each well under 400 KB). */
export const CHUNK = 500;
/** Jobs (their lists and results name users) are kept for 30 days; the audit log keeps the rest. */
export const KEEP_SECONDS = 30 * 24 * 3600;

/** Each user's entry is the action's own, under its own scope. */
export const userActions: Record<ListAction, AuditAction> = { "revoke-all": "revoke-all-sessions", block: "block-user", delete: "delete-user" };

export interface JobItem {
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

export const view = (jobId: string) => `list-job:${jobId}`;

/** A listed entry as resolved when its job was created: userId null when no user had it then. */
export interface StoredEntry {
  entry: string;
  userId: string | null;
  email: string | null;
}

export async function readJob(jobId: string): Promise<JobItem | null> {
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.jobKey(jobId), ConsistentRead: true });
  return Item?.type === "JOB" ? (Item as unknown as JobItem) : null;
}

export const auditCounts = (job: JobItem) => ({
  total: job.total,
  processed: job.position,
  ...job.counts,
  writeUnits: job.writeUnits,
  writeRequests: job.writeRequests,
});

const pastTense: Record<ListAction, string> = { "revoke-all": "Revoked all sessions of", block: "Blocked", delete: "Deleted" };

export function messageOf(job: JobItem): string {
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

export function statusOf(job: JobItem): ListJobStatus {
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
