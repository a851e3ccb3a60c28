"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, failure } from "@/lib/actions/action-result";
import { createUserSchema, sendSignInLinkSchema } from "@/lib/actions/schemas";
import { currentOperator } from "@/lib/auth/operator";
import { createUser, EmailTakenError } from "@/lib/features/create-user/server";
import { sendSignInLink } from "@/lib/features/send-sign-in-link/server";
import { normalizeEmail } from "@/lib/features/users/email-address";

export type CreateUserResult =
  | { ok: true; message: string; userId: string; auditIncomplete?: boolean }
  | { ok: false; error: string; refused?: boolean; stepUp?: boolean; field?: "email" | "name"; existingUserId?: string };

/** New user (admins): the new user's id on success, or who already holds the address. */
export async function createUserAction(input: unknown): Promise<CreateUserResult> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue?.message ?? "Invalid input.", field: issue?.path[0] === "name" ? "name" : "email" };
  }
  const email = normalizeEmail(parsed.data.email);
  if (!email.ok) return { ok: false, error: email.error, field: "email" };
  try {
    const outcome = await createUser(await currentOperator(), parsed.data);
    const userId = outcome.target?.userId;
    if (!userId) return { ok: false, error: "The user was not created." };
    for (const path of ["/users", "/audit", "/"]) revalidatePath(path);
    return { ok: true, message: outcome.message, userId, auditIncomplete: outcome.auditIncomplete };
  } catch (error) {
    if (error instanceof EmailTakenError) return { ok: false, error: error.message, refused: true, field: "email", existingUserId: error.userId };
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : result;
  }
}

/** Send sign-in link (admins): the product's own answer, sent or its error, as the dialog shows it. */
export async function sendSignInLinkAction(input: unknown): Promise<ActionResult> {
  const parsed = sendSignInLinkSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await sendSignInLink(await currentOperator(), parsed.data);
    revalidatePath("/audit");
    revalidatePath(`/users/${parsed.data.userId}`);
    if (outcome.result !== "ok") return { ok: false, error: outcome.message };
    return { ok: true, message: outcome.message, partial: false, auditId: outcome.auditId, auditIncomplete: outcome.auditIncomplete };
  } catch (error) {
    return failure(error);
  }
}
