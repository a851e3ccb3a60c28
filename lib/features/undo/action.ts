"use server";

import type { ActionResult } from "@/lib/actions/result";
import { affected, run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { undoSchema } from "./schema";
import { undoAction } from "./server";

export async function undoEntryAction(input: unknown): Promise<ActionResult> {
  return run(undoSchema, input, async (data) => undoAction(await currentOperator(), data.entryId), [...affected(), "/accounts"]);
}
