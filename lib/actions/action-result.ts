import "server-only";
import { RefusedError } from "@/lib/audit/act";
import { AuditError } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { StepUpRequiredError } from "@/lib/auth/step-up";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { CursorError } from "@/lib/http/cursor";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import type { ActionResult } from "./result";

/** Maps what the DAL throws to a message the UI can show; anything unexpected is logged, not shown. */
export function failure(error: unknown): ActionResult {
  // The dialog offers to sign in again instead of only saying no.
  if (error instanceof StepUpRequiredError) return { ok: false, error: error.message, refused: true, stepUp: true };
  if (error instanceof ForbiddenError || error instanceof RefusedError) return { ok: false, error: error.message, refused: true };
  if (error instanceof RateLimitedError) return { ok: false, error: error.message, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof AuditError || error instanceof CursorError) return { ok: false, error: error.message };
  if (error instanceof DynamoUnavailableError) return { ok: false, error: "DynamoDB is unreachable. Nothing was changed; try again in a few seconds." };
  console.error("[action]", error instanceof Error ? (error.stack ?? error.message) : error);
  return { ok: false, error: "DynamoDB refused or failed the request. Nothing is left half-done: run it again to finish." };
}
