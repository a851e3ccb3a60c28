import type { BlockDuration } from "@/lib/features/block/durations";
import type { ListAction } from "@/lib/features/list-jobs/entries";
import type { JobCounts } from "@/lib/features/list-jobs/outcomes";

/** What the Act on a list page and GET /api/v1/jobs/{id} see of a job: client-safe, so the page's client parts can hold it. */
export interface ListJobStatus {
  id: string;
  action: ListAction;
  for: BlockDuration | null;
  reason: string;
  state: "running" | "done";
  createdAt: string;
  createdBy: string;
  apiKey?: { id: string; name: string };
  listFingerprint: string;
  total: number;
  processed: number;
  counts: JobCounts;
  writeUnits: number;
  writeRequests: number;
  elapsedMs: number;
  /** Sealed; resumes the job at its next step. null once done. */
  cursor: string | null;
  /** The batch entry in the audit log. */
  auditId: string;
  message: string;
  auditIncomplete?: boolean;
}

/** What the Act on a list page gets back: the value, or a message to show (refusals and step-up as the dialogs show them). */
export type ListJobActionResult<T> =
  | ({ ok: true } & T)
  | { ok: false; error: string; refused?: boolean; stepUp?: boolean; busy?: boolean; retryAfterSeconds?: number };
