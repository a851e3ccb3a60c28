"use server";

import { revalidatePath } from "next/cache";
import { failure } from "@/lib/actions/action-result";
import { currentOperator } from "@/lib/auth/operator";
import { createUser, EmailTakenError } from "@/lib/features/create-user/server";
import { normalizeEmail } from "@/lib/features/users/email-address";
import { createUserSchema } from "./schema";

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
