"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure } from "@/lib/actions/action-result";
import type { ActionResult } from "@/lib/actions/result";
import { currentOperator } from "@/lib/auth/operator";
import { revokeOwnSession } from "@/lib/features/own-sessions/server";

const revokeOwnSchema = z.object({ fingerprint: z.string().regex(/^[0-9a-f]{10}$/, "That is not a session fingerprint.") });

export async function revokeOwnSessionAction(input: unknown): Promise<ActionResult> {
  const parsed = revokeOwnSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await revokeOwnSession(await currentOperator(), parsed.data);
    for (const path of ["/settings/sessions", "/audit"]) revalidatePath(path);
    return { ok: true, message: outcome.message, partial: false, auditId: outcome.auditId };
  } catch (error) {
    return failure(error);
  }
}
