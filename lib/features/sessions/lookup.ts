import { z } from "zod";

/**
 * Why a pasted session token found no user, as `/sessions?lookup=<problem>` names it after the
 * lookup's POST: the token itself never goes into a URL, a log or the page.
 */
export const lookupProblems = {
  empty: "Paste a session token.",
  "too-long": "A session token is at most 512 characters; that is not one.",
  "signed-out": "Your console session has ended. Sign in again.",
  forbidden: "Your role may not look up sessions.",
  missing: "No session has that token.",
  failed: "The lookup failed. Try again.",
} as const;
export type LookupProblem = keyof typeof lookupProblems;

export const lookupFormSchema = z.object({ sessionToken: z.string().trim().min(1).max(512) });

/** The problem a `lookup` search parameter names, if it names one. */
export function lookupProblem(value: string | undefined): LookupProblem | undefined {
  return value && Object.hasOwn(lookupProblems, value) ? (value as LookupProblem) : undefined;
}
