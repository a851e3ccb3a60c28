import "server-only";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { requestContext, type RequestContext } from "@/lib/auth/request-context";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { serverConfig } from "@/lib/config";
import { errorSummary } from "@/lib/dynamo/error-summary";
import { roleFor } from "@/lib/roles";
import type { AuditAction, AuditChanges, AuditHandle, AuditResult, AuditTarget } from "@/lib/audit/entry";
import { recordCollapsedAuditEvent, startAudit } from "@/lib/audit/writer";
import { AUDIT_INCOMPLETE, completeAudit } from "./audit-repair";
import { RateLimitedError } from "@/lib/limits/rate-limit";

export class ReadOnlyError extends ForbiddenError {
  constructor() {
    super("This console runs in read-only mode (GATEHOUSE_READ_ONLY): nothing can be changed.");
    this.name = "ReadOnlyError";
  }
}

/** The action was refused before it changed anything: a precondition is not met. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

export interface Outcome {
  result: Exclude<AuditResult, "started">;
  message: string;
  counts?: Record<string, number>;
  undoUntil?: string;
  target?: AuditTarget;
  changes?: AuditChanges;
}

export interface ActionRun {
  operator: Operator;
  handle: AuditHandle;
  requestId: string;
}

/** Admins only, never in read-only mode. Every mutation's first line. */
export function authorizeMutation(operator: Operator | null): Operator {
  const allowed = authorize(operator, "admin");
  if (serverConfig().readOnly) throw new ReadOnlyError();
  return allowed;
}

export interface MutationPolicy {
  /** Delete user, Purge expired, repairs, Undo and Unblock: a sign-in within GATEHOUSE_STEP_UP_MINUTES (Block user, an incident action, has none). */
  stepUp?: boolean;
}

/**
 * authorizeMutation (plus step-up when the action needs it), with each refusal of a signed-in
 * operator (a viewer, a stale step-up) recorded: one collapsed entry per operator, action and
 * hour, counting repeats. Anonymous calls are refused without a record: nothing to attribute,
 * and a flood must not grow the log.
 */
export async function authorizeRecorded(operator: Operator | null, action: AuditAction, target: AuditTarget, context?: RequestContext, policy: MutationPolicy = {}): Promise<Operator> {
  try {
    const allowed = authorizeMutation(operator);
    return policy.stepUp ? requireRecentSignIn(allowed) : allowed;
  } catch (error) {
    // Read-only mode refuses by configuration, not by who asks: it writes nothing, not even this.
    if (error instanceof ForbiddenError && !(error instanceof ReadOnlyError) && operator) {
      const actor = { email: operator.email, role: roleFor(operator.email, serverConfig()) ?? "none" };
      await recordCollapsedAuditEvent(actor, context ?? (await requestContext()), action, target, operator.email, undefined, error.message);
    }
    throw error;
  }
}

/** Refusals whose messages are our own: stored as they are. */
const isRefusal = (error: unknown): error is Error => error instanceof RefusedError || error instanceof ForbiddenError || error instanceof RateLimitedError;

/** What is stored about a failure: our own refusals as they are, anything else as a summary (its text can quote a key). */
export function failureMessage(error: unknown, action: string, requestId: string): string {
  if (isRefusal(error)) return `refused: ${error.message}`;
  console.error(`[action] ${action} failed (request ${requestId}):`, error instanceof Error ? (error.stack ?? error.message) : error);
  return `failed: ${errorSummary(error)}`;
}

/**
 * Runs a mutation inside its audit entry: the entry is written first (no record, no change),
 * the outcome after. A failure of the work is recorded as failed and rethrown. When the
 * outcome cannot be written the work still happened: the operator is told so (auditIncomplete)
 * and the entry is completed later.
 */
export async function audited(
  operator: Operator | null,
  action: AuditAction,
  target: AuditTarget,
  reason: string | null,
  work: (run: ActionRun) => Promise<Outcome>,
  policy: MutationPolicy = {},
): Promise<Outcome & { auditId: string; auditIncomplete?: true }> {
  const context = await requestContext();
  const allowed = await authorizeRecorded(operator, action, target, context, policy);
  const handle = await startAudit(allowed, context, action, target, reason);
  let outcome: Outcome;
  try {
    outcome = await work({ operator: allowed, handle, requestId: context.requestId });
  } catch (error) {
    await completeAudit(handle, { result: isRefusal(error) ? "refused" : "failed", message: failureMessage(error, action, context.requestId) });
    throw error;
  }
  if (await completeAudit(handle, outcome)) return { ...outcome, auditId: handle.id };
  return { ...outcome, message: `${outcome.message} ${AUDIT_INCOMPLETE}`, auditId: handle.id, auditIncomplete: true };
}
