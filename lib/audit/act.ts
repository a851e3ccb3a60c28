import "server-only";
import { type AuditAction, type AuditChanges, type AuditHandle, type AuditResult, type AuditTarget, actorOf } from "@/lib/audit/entry";
import { AUDIT_INCOMPLETE, completeAudit } from "@/lib/audit/repair";
import { recordCollapsedAuditEvent, startAudit } from "@/lib/audit/writer";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import { type Operator, principalId } from "@/lib/auth/principal";
import { type RequestContext, requestContext } from "@/lib/auth/request-context";
import { roleFor, type Scope } from "@/lib/auth/roles";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { serverConfig } from "@/lib/config";
import { errorSummary } from "@/lib/dynamo/error-summary";
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

/**
 * Refused because another process holds what this needs (a lease): it may work after
 * `retryAfterSeconds`. `problem` names it in API answers (a slug clients already match on).
 */
export class BusyError extends RefusedError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly problem: { type: string; title: string },
  ) {
    super(message);
    this.name = "BusyError";
  }
}

/** Refused because what the request names does not exist (the API answers 404). */
export class MissingError extends RefusedError {
  constructor(message: string) {
    super(message);
    this.name = "MissingError";
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

/**
 * The scope each audited action needs (a console admin holds them all). null: not something a
 * principal calls through audited() (sign-in events, which the sign-in flow records itself).
 */
export const actionScopes: Record<AuditAction, Scope | null> = {
  "sign-in": null,
  "sign-out": null,
  "sign-in-refused": null,
  "revoke-own-session": null,
  "revoke-session": "sessions:write",
  "revoke-all-sessions": "sessions:write",
  "revoke-selected": "sessions:write",
  "unlink-account": "accounts:write",
  "delete-user": "users:write",
  "purge-expired": "users:write",
  "repair-table": "users:write",
  undo: "users:write",
  "block-user": "users:write",
  "unblock-user": "users:write",
  "edit-user": "users:write",
  "create-user": "users:write",
  "send-sign-in-link": "users:write",
  "export-user": "users:write",
  "merge-users": "users:write",
  "create-api-key": "users:write",
  "revoke-api-key": "users:write",
  // A read through the API, recorded collapsed (lib/api/read-audit.ts); nobody calls it as an action.
  "api-read": null,
  // The batch entry of Act on a list: the job is authorized as the action it applies to each user.
  "list-job": null,
};

/** The scope an action needs; an action without one is refused for everybody. */
export function scopeOf(action: AuditAction): Scope {
  const scope = actionScopes[action];
  if (!scope) throw new ForbiddenError(`${action} is not an action anyone can call.`);
  return scope;
}

/** The scope the action needs (for a console operator: admins only), never in read-only mode. Every mutation's first line. */
export function authorizeMutation(operator: Operator | null, scope: Scope): Operator {
  const allowed = authorize(operator, scope);
  if (serverConfig().readOnly) throw new ReadOnlyError();
  return allowed;
}

/**
 * A user's action run as one item of an Act on a list job (lib/features/list-jobs/step.ts): its entry
 * names the job, and step-up was asked when the job was created, not for each of its users.
 */
export interface JobLink {
  jobId: string;
}

export interface MutationPolicy {
  /**
   * Delete user, Purge expired, repairs, Undo and Unblock: a sign-in within GATEHOUSE_STEP_UP_MINUTES
   * (Block user, an incident action, has none). API keys are exempt (docs/security.md).
   */
  stepUp?: boolean;
  /** Managing API keys: console operators only, so a key can never mint or revoke keys. */
  consoleOnly?: boolean;
}

/**
 * authorizeMutation (plus step-up when the action needs it), with each refusal of a signed-in
 * operator (a viewer, a stale step-up) recorded: one collapsed entry per operator, action and
 * hour, counting repeats. Anonymous calls are refused without a record: nothing to attribute,
 * and a flood must not grow the log.
 */
export async function authorizeRecorded(
  operator: Operator | null,
  action: AuditAction,
  target: AuditTarget,
  context?: RequestContext,
  policy: MutationPolicy = {},
): Promise<Operator> {
  try {
    if (policy.consoleOnly && operator?.kind === "api-key") throw new ForbiddenError("API keys cannot do this: sign in to the console.");
    const allowed = authorizeMutation(operator, scopeOf(action));
    return policy.stepUp ? requireRecentSignIn(allowed) : allowed;
  } catch (error) {
    // Read-only mode refuses by configuration, not by who asks: it writes nothing, not even this.
    if (error instanceof ForbiddenError && !(error instanceof ReadOnlyError) && operator) {
      const actor =
        operator.kind === "api-key"
          ? { ...actorOf(operator), kind: "api-key" as const }
          : { email: operator.email, role: roleFor(operator.email, serverConfig()) ?? "none", kind: "operator" as const };
      await recordCollapsedAuditEvent(actor, context ?? (await requestContext()), action, target, principalId(operator), undefined, error.message);
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
