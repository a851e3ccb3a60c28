import "server-only";
import { serverConfig } from "@/lib/config";
import { ForbiddenError } from "./authorize";
import type { Operator } from "./operator";

export class StepUpRequiredError extends ForbiddenError {
  constructor(minutes: number) {
    super(`This needs a sign-in within the last ${minutes} minute${minutes === 1 ? "" : "s"}: sign in again to continue.`);
    this.name = "StepUpRequiredError";
  }
}

/** Until when (epoch ms) the operator's sign-in is recent enough for step-up actions; null when step-up is off. */
export function stepUpFreshUntil(operator: Operator | null): number | null {
  const { stepUpSeconds } = serverConfig();
  if (stepUpSeconds === 0 || operator?.kind === "api-key") return null;
  return (operator?.session?.signedInAt ?? 0) + stepUpSeconds * 1000;
}

/** What the console layout tells the dialogs, so they can say so before the click. */
export function stepUpWindow(operator: Operator | null): { freshUntil: number; minutes: number } | null {
  const freshUntil = stepUpFreshUntil(operator);
  return freshUntil === null ? null : { freshUntil, minutes: serverConfig().stepUpSeconds / 60 };
}

/**
 * Delete user, Purge expired, the doctor's repairs, Undo and Unblock need a recent sign-in
 * (GATEHOUSE_STEP_UP_MINUTES); called after the role check, so a viewer is refused for the role.
 * An API key has no sign-in to be recent and is exempt: creating it took a step-up, it holds
 * only its scopes, and it expires within a year (docs/security.md).
 */
export function requireRecentSignIn<T extends Operator>(operator: T, now = Date.now()): T {
  const until = stepUpFreshUntil(operator);
  if (until !== null && now >= until) throw new StepUpRequiredError(serverConfig().stepUpSeconds / 60);
  return operator;
}
