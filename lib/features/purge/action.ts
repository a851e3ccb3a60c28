"use server";

import { revalidatePath } from "next/cache";
import { failure } from "@/lib/actions/action-result";
import { affected } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { purgeSchema } from "./schema";
import { type PurgeProgress, purgeExpiredStep } from "./server";

export type PurgeStepResult = ({ ok: true } & PurgeProgress) | { ok: false; error: string; stepUp?: boolean };

/** One step of Purge expired: the browser calls step after step and revalidates only once the run is done. */
export async function purgeExpiredStepAction(input: unknown): Promise<PurgeStepResult> {
  const parsed = purgeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const progress = await purgeExpiredStep(await currentOperator(), parsed.data);
    if (progress.done) for (const path of [...affected(), "/verification-tokens"]) revalidatePath(path);
    return { ok: true, ...progress };
  } catch (error) {
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : { ok: false, error: result.error, stepUp: result.stepUp };
  }
}
