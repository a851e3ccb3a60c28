"use server";

import type { ActionResult } from "@/lib/actions/result";
import { run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { editUserSchema } from "./schema";
import { EmailTakenError, editUser } from "./server";

/** Edit user's result: a refusal because the email is taken names the user who has it. */
export type EditUserResult = ActionResult | { ok: false; error: string; refused: true; takenBy: { id: string; email: string } };

export async function editUserAction(input: unknown): Promise<EditUserResult> {
  return run(
    editUserSchema,
    input,
    async (data) => editUser(await currentOperator(), data),
    (data) => ["/users", "/audit", "/accounts", "/sessions", "/verification-tokens", `/users/${data.userId}`],
    (error) =>
      error instanceof EmailTakenError
        ? { ok: false as const, error: error.message, refused: true as const, takenBy: { id: error.holderId, email: error.email } }
        : undefined,
  );
}
