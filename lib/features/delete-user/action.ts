"use server";

import type { ActionResult } from "@/lib/actions/result";
import { affected, run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { deleteUserSchema } from "./schema";
import { deleteUser } from "./server";

export async function deleteUserAction(input: unknown): Promise<ActionResult> {
  return run(deleteUserSchema, input, async (data) => deleteUser(await currentOperator(), data), [...affected(), "/accounts", "/verification-tokens"]);
}
