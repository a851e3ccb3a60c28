"use server";

import { revalidatePath } from "next/cache";
import { currentOperator } from "@/lib/auth/operator";
import { RefusedError } from "@/lib/dal/act";
import { createListJob, stepListJob, type ListJobStatus, type StepReport } from "@/lib/dal/list-jobs";
import { resolveListEntries } from "@/lib/dal/list-resolve";
import type { ResolvedEntry } from "@/lib/previews/list-job";
import { failure } from "./action-result";
import { createListJobSchema, resolveEntriesSchema, stepListJobSchema } from "./list-job-schemas";

/** What the Act on a list page gets back: the value, or a message to show (refusals and step-up as the dialogs show them). */
export type ListJobActionResult<T> = ({ ok: true } & T) | { ok: false; error: string; refused?: boolean; stepUp?: boolean; busy?: boolean };

function invalid(issues: { message: string }[]) {
  return { ok: false as const, error: issues[0]?.message ?? "Invalid input." };
}

async function attempt<T>(work: () => Promise<T>): Promise<ListJobActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    // The step lease is taken: another tab (or an API client) is running this job's step right now.
    const busy = error instanceof RefusedError && error.message.startsWith("Another step");
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : { ...result, ...(busy ? { busy } : {}) };
  }
}

/** One chunk of the pasted list (at most RESOLVE_CHUNK entries), each resolved to its user; changes nothing. */
export async function resolveListEntriesAction(input: unknown): Promise<ListJobActionResult<{ resolved: ResolvedEntry[] }>> {
  const parsed = resolveEntriesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return attempt(async () => ({ resolved: await resolveListEntries(await currentOperator(), parsed.data.entries) }));
}

/** Creates the job (its list stored, its batch audit entry opened); no user is touched until its first step. */
export async function createListJobAction(input: unknown): Promise<ListJobActionResult<{ job: ListJobStatus }>> {
  const parsed = createListJobSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const { action, entries, reason, duration } = parsed.data;
  return attempt(async () => ({ job: await createListJob(await currentOperator(), { action, entries, reason, duration: action === "block" ? duration : undefined }) }));
}

/** Runs the job's next step from its sealed cursor; a cursor whose step already ran returns the job as it is. */
export async function stepListJobAction(input: unknown): Promise<ListJobActionResult<{ job: ListJobStatus; step: StepReport }>> {
  const parsed = stepListJobSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await attempt(async () => stepListJob(await currentOperator(), parsed.data));
  if (result.ok && result.job.state === "done" && result.step.processed > 0) {
    for (const path of ["/users", "/sessions", "/accounts", "/audit", "/"]) revalidatePath(path);
  }
  return result;
}
