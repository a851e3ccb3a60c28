"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { lookUpSession } from "@/lib/features/sessions/server";

export interface SessionLookupState {
  error?: string;
}

const lookupForm = z.object({
  sessionToken: z
    .string({ error: "Paste a session token." })
    .trim()
    .min(1, "Paste a session token.")
    .max(512, "A session token is at most 512 characters; that is not one."),
});

/**
 * The user behind a pasted session token. A server action is a public POST endpoint, so the
 * operator is checked here (and again in the DAL); the token travels in the POST body only and
 * is never echoed back, logged or put in a URL.
 */
export async function findSessionUser(_previous: SessionLookupState, formData: FormData): Promise<SessionLookupState> {
  const parsed = lookupForm.safeParse({ sessionToken: formData.get("sessionToken") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Paste a session token." };
  const operator = await currentOperator();
  if (!operator) return { error: "Your console session has ended. Sign in again." };
  let userId: string | null;
  try {
    ({ userId } = await lookUpSession(operator, parsed.data.sessionToken));
  } catch (error) {
    if (error instanceof ForbiddenError) return { error: error.message };
    // The error's name only: a message could quote the key, and the key holds the token.
    console.error("[session-lookup] failed:", error instanceof Error ? error.name : "unknown error");
    return { error: "The lookup failed. Try again." };
  }
  if (!userId) return { error: "No session has that token." };
  redirect(`/users/${encodeURIComponent(userId)}#sessions`);
}
