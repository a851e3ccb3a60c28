"use server";

import type { ActionResult } from "@/lib/actions/result";
import { affected, run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { unlinkSchema } from "./schema";
import { unlinkAccount } from "./server";

export async function unlinkAccountAction(input: unknown): Promise<ActionResult> {
  return run(unlinkSchema, input, async (data) => unlinkAccount(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}
