"use server";

import { revalidatePath } from "next/cache";
import { currentOperator } from "@/lib/auth/operator";
import type { ResolvedEntry } from "@/lib/features/list-jobs/preview";
import { resolveListEntries } from "@/lib/features/list-jobs/resolve";
import type { ListJobStatus } from "@/lib/features/list-jobs/status";
import { type StepReport, stepListJob } from "@/lib/features/list-jobs/step";
import { attemptListJob, type ListJobActionResult } from "./result";
import { resolveEntriesSchema, stepListJobSchema } from "./schema";

function invalid(issues: { message: string }[]) {
  return { ok: false as const, error: issues[0]?.message ?? "Invalid input." };
}

/** One chunk of the pasted list (at most RESOLVE_CHUNK entries), each resolved to its user; changes nothing. */
export async function resolveListEntriesAction(input: unknown): Promise<ListJobActionResult<{ resolved: ResolvedEntry[] }>> {
  const parsed = resolveEntriesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attemptListJob(async () => ({ resolved: await resolveListEntries(await currentOperator(), parsed.data.entries) }));
}

// Creating a job takes the whole list (up to about 2.5 MB): it is a route handler with its own
// limit, app/(console)/users/act-on-list/jobs/route.ts, so every action keeps Next's 1 MB.

/** Runs the job's next step from its sealed cursor; a cursor whose step already ran returns the job as it is. */
export async function stepListJobAction(input: unknown): Promise<ListJobActionResult<{ job: ListJobStatus; step: StepReport }>> {
  const parsed = stepListJobSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await attemptListJob(async () => stepListJob(await currentOperator(), parsed.data));
  if (result.ok && result.job.state === "done" && result.step.processed > 0) {
    for (const path of ["/users", "/sessions", "/accounts", "/audit", "/"]) revalidatePath(path);
  }
  return result;
}
