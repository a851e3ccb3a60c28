"use server";

import { z } from "zod";
import { failure } from "@/lib/actions/action-result";
import { currentOperator } from "@/lib/auth/operator";
import { countEntitiesStep, type EntityCountProgress, stopEntityCount } from "@/lib/features/overview/entity-counts";

/** A public POST endpoint: only the sealed cursor comes from the browser; the DAL checks the role. */
const countSchema = z.object({ cursor: z.string().max(8192).optional() });

export type CountStepResult = ({ ok: true } & EntityCountProgress) | { ok: false; error: string };

/** One step of "Count items": a read, so viewers may run it too, even in read-only mode. */
export async function countEntitiesStepAction(input: unknown): Promise<CountStepResult> {
  const parsed = countSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    return { ok: true, ...(await countEntitiesStep(await currentOperator(), parsed.data)) };
  } catch (error) {
    const result = failure(error);
    return { ok: false, error: result.ok ? "" : result.error };
  }
}

/** Stop: the count's scan lease is given back, so the next scan need not wait for it to expire. */
export async function stopEntityCountAction(input: unknown): Promise<{ ok: boolean }> {
  const parsed = z.object({ cursor: z.string().max(8192) }).safeParse(input);
  if (!parsed.success) return { ok: false };
  try {
    return { ok: await stopEntityCount(await currentOperator(), parsed.data) };
  } catch (error) {
    failure(error);
    return { ok: false };
  }
}
