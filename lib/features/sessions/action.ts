"use server";

import { redirect } from "next/navigation";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { type LookupProblem, lookupFormSchema } from "@/lib/features/sessions/lookup";
import { lookUpSession } from "@/lib/features/sessions/server";

/** After a lookup that found no user: back to /sessions, which says why (lookup.ts). */
function refused(problem: LookupProblem): never {
  redirect(`/sessions?lookup=${problem}`);
}

/**
 * The user behind a pasted session token, posted by the /sessions form (a plain form: it works
 * before, and without, any JavaScript). A server action is a public POST endpoint, so the
 * operator is checked here (and again in the DAL); the token travels in the POST body only and
 * is never echoed back, logged or put in a URL. Found: the user's sessions; not: /sessions,
 * saying why.
 */
export async function findSessionUser(formData: FormData): Promise<never> {
  const parsed = lookupFormSchema.safeParse({ sessionToken: formData.get("sessionToken") ?? "" });
  if (!parsed.success) refused(parsed.error.issues[0]?.code === "too_big" ? "too-long" : "empty");
  const operator = await currentOperator();
  if (!operator) refused("signed-out");
  let userId: string | null;
  try {
    ({ userId } = await lookUpSession(operator, parsed.data.sessionToken));
  } catch (error) {
    if (error instanceof ForbiddenError) refused("forbidden");
    // The error's name only: a message could quote the key, and the key holds the token.
    console.error("[session-lookup] failed:", error instanceof Error ? error.name : "unknown error");
    refused("failed");
  }
  if (!userId) refused("missing");
  redirect(`/users/${encodeURIComponent(userId)}#sessions`);
}
