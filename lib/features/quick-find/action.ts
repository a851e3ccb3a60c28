"use server";

import { z } from "zod";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { type QuickFindResult, quickFind } from "@/lib/features/quick-find/server";

const input = z.string().trim().min(1, "Type something to find.").max(512, "That is too long to be an email, id or token.");

/** The palette's lookup. Runs as a POST, so a pasted session token never appears in a URL. */
export async function quickFindAction(query: string): Promise<QuickFindResult> {
  const parsed = input.safeParse(query);
  if (!parsed.success) return { found: false, message: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    return await quickFind(await currentOperator(), parsed.data);
  } catch (error) {
    if (error instanceof ForbiddenError) return { found: false, message: error.message };
    console.error("[quick-find]", error instanceof Error ? error.message : error);
    return { found: false, message: "The lookup failed. Try again." };
  }
}
