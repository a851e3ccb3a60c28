import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { failure } from "./action-result";
import type { ActionResult } from "./result";

/** What a feature's server call returns when it changed something: its audit entry and how it went. */
export interface ActionOutcome {
  message: string;
  result: string;
  auditId: string;
  undoUntil?: string;
  auditIncomplete?: true;
}

/** The pages most mutations change: a user's page too when the action names one. */
export const affected = (userId?: string) => ["/sessions", "/users", "/audit", "/", ...(userId ? [`/users/${userId}`] : [])];

/**
 * The body of a mutation's server action: parse the input, do the work, revalidate the pages it
 * changed, and answer with an ActionResult. `refusal` lets a feature turn one of its own errors
 * into a richer answer (Edit user names who holds a taken email) before the shared failure().
 */
export async function run<S extends z.ZodType, R = never>(
  schema: S,
  input: unknown,
  work: (data: z.output<S>) => Promise<ActionOutcome>,
  paths: string[] | ((data: z.output<S>) => string[]),
  refusal?: (error: unknown) => R | undefined,
): Promise<ActionResult | R> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await work(parsed.data);
    for (const path of typeof paths === "function" ? paths(parsed.data) : paths) revalidatePath(path);
    return {
      ok: true,
      message: outcome.message,
      partial: outcome.result === "partial",
      auditId: outcome.auditId,
      undoUntil: outcome.undoUntil,
      auditIncomplete: outcome.auditIncomplete,
    };
  } catch (error) {
    const refused = refusal?.(error);
    if (refused !== undefined) return refused;
    return failure(error);
  }
}
