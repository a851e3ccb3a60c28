"use server";

import type { ActionResult } from "@/lib/actions/result";
import { affected, run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { blockUserSchema, unblockUserSchema } from "./schema";
import { blockUser, unblockUser } from "./server";

export async function blockUserAction(input: unknown): Promise<ActionResult> {
  return run(blockUserSchema, input, async (data) => blockUser(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}

export async function unblockUserAction(input: unknown): Promise<ActionResult> {
  return run(unblockUserSchema, input, async (data) => unblockUser(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}
