"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, failure } from "@/lib/actions/action-result";
import { editUserSchema } from "@/lib/actions/schemas";
import { currentOperator } from "@/lib/auth/operator";
import { EmailTakenError, editUser } from "@/lib/features/edit-user/server";

/** Edit user's result: a refusal because the email is taken names the user who has it. */
export type EditUserResult = ActionResult | { ok: false; error: string; refused: true; takenBy: { id: string; email: string } };

export async function editUserAction(input: unknown): Promise<EditUserResult> {
  const parsed = editUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await editUser(await currentOperator(), parsed.data);
    for (const path of ["/users", "/audit", "/accounts", "/sessions", "/verification-tokens", `/users/${parsed.data.userId}`]) revalidatePath(path);
    return {
      ok: true,
      message: outcome.message,
      partial: outcome.result === "partial",
      auditId: outcome.auditId,
      undoUntil: outcome.undoUntil,
      auditIncomplete: outcome.auditIncomplete,
    };
  } catch (error) {
    if (error instanceof EmailTakenError) return { ok: false, error: error.message, refused: true, takenBy: { id: error.holderId, email: error.email } };
    return failure(error);
  }
}
