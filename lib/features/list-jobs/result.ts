import "server-only";
import { failure } from "@/lib/actions/action-result";
import { RefusedError } from "@/lib/audit/act";
import type { ListJobActionResult } from "./status";

// Defined in status.ts, where the job page's client parts can reach it.
export type { ListJobActionResult };

/** Runs one Act on a list call, mapping what the data layer throws as every action does. */
export async function attemptListJob<T>(work: () => Promise<T>): Promise<ListJobActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    // The step lease is taken: another tab (or an API client) is running this job's step right now.
    const busy = error instanceof RefusedError && error.message.startsWith("Another step");
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : { ...result, ...(busy ? { busy } : {}) };
  }
}
