"use server";

import { revalidatePath } from "next/cache";
import { failure } from "@/lib/actions/action-result";
import type { ActionResult } from "@/lib/actions/result";
import { currentOperator } from "@/lib/auth/operator";
import { sendSignInLinkSchema } from "./schema";
import { sendSignInLink } from "./server";

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
