"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure } from "@/lib/actions/action-result";
import { reason as reasonSchema } from "@/lib/actions/fields";
import type { ActionResult } from "@/lib/actions/result";
import { currentOperator } from "@/lib/auth/operator";
import { repairableFindings } from "@/lib/features/doctor/findings";
import { repairFinding, runDoctor } from "@/lib/features/doctor/server";

/** A public POST endpoint: the finding is named, never its keys; the DAL finds them again. */
const repairSchema = z.object({
  finding: z.enum(repairableFindings),
  reason: reasonSchema,
});

export async function repairFindingAction(input: unknown): Promise<ActionResult> {
  const parsed = repairSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await repairFinding(await currentOperator(), parsed.data);
    for (const path of ["/doctor", "/audit", "/sessions", "/accounts", "/users", "/"]) revalidatePath(path);
    return { ok: true, message: outcome.message, partial: outcome.result === "partial", auditId: outcome.auditId, auditIncomplete: outcome.auditIncomplete };
  } catch (error) {
    return failure(error);
  }
}

export interface RunDoctorState {
  error?: string;
}

/**
 * "Run the doctor": a POST, so reloading or prefetching /doctor reads nothing. The run's result
 * replaces the kept one, which the page then shows; over a limit, the message says when to retry.
 */
export async function runDoctorAction(_previous: RunDoctorState): Promise<RunDoctorState> {
  try {
    await runDoctor(await currentOperator(), {});
  } catch (error) {
    const result = failure(error);
    return { error: result.ok ? undefined : result.error };
  }
  revalidatePath("/doctor");
  return {};
}
