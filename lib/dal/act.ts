import "server-only";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { requestContext } from "@/lib/auth/request-context";
import { serverConfig } from "@/lib/config";
import { finishAudit, startAudit, type AuditAction, type AuditHandle, type AuditResult, type AuditTarget } from "./audit";

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

/**
 * Runs a mutation inside its audit entry: the entry is written first (no record, no change),
 * the outcome after. A failure of the work is recorded as failed and rethrown.
 */
export async function audited(
  operator: Operator | null,
  action: AuditAction,
  target: AuditTarget,
  reason: string | null,
  work: (run: ActionRun) => Promise<Outcome>,
): Promise<Outcome & { auditId: string }> {
  const allowed = authorizeMutation(operator);
  const context = await requestContext();
  const handle = await startAudit(allowed, context, action, target, reason);
  let outcome: Outcome;
  try {
    outcome = await work({ operator: allowed, handle, requestId: context.requestId });
  } catch (error) {
    const message = error instanceof RefusedError ? `refused: ${error.message}` : `failed: ${error instanceof Error ? error.message : String(error)}`;
    await finishAudit(handle, { result: error instanceof RefusedError ? "refused" : "failed", message });
    throw error;
  }
  await finishAudit(handle, outcome);
  return { ...outcome, auditId: handle.id };
}
