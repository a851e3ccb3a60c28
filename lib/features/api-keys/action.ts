"use server";

import { revalidatePath } from "next/cache";
import { failure } from "@/lib/actions/action-result";
import type { ActionResult } from "@/lib/actions/result";
import { currentOperator } from "@/lib/auth/operator";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/features/api-keys/schema";
import type { ApiKeyRow } from "./schema";
import { createApiKey, revokeApiKey } from "./server";

export type CreateApiKeyResult = { ok: true; key: string; row: ApiKeyRow; message: string } | { ok: false; error: string; stepUp?: boolean; field?: string };

/** Creates a key; the result holds the key itself, the only time it exists outside the creator's hands. */
export async function createApiKeyAction(input: unknown): Promise<CreateApiKeyResult> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue?.message ?? "Invalid input.", field: issue?.path[0]?.toString() };
  }
  try {
    const created = await createApiKey(await currentOperator(), parsed.data);
    revalidatePath("/settings/api-keys");
    revalidatePath("/audit");
    return { ok: true, key: created.key, row: created.row, message: created.message };
  } catch (error) {
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : { ok: false, error: result.error, stepUp: result.stepUp };
  }
}

export async function revokeApiKeyAction(input: unknown): Promise<ActionResult> {
  const parsed = revokeApiKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await revokeApiKey(await currentOperator(), parsed.data);
    revalidatePath("/settings/api-keys");
    revalidatePath("/audit");
    return { ok: true, message: outcome.message, partial: false, auditId: outcome.auditId, auditIncomplete: outcome.auditIncomplete };
  } catch (error) {
    return failure(error);
  }
}
