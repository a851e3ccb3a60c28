import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { AuditError, type AuditHandle } from "@/lib/audit/entry";
import { finishAudit } from "@/lib/audit/writer";

type AuditOutcome = Parameters<typeof finishAudit>[1];

/** Tries within the request before the operator is answered. */
export const IMMEDIATE_ATTEMPTS = 3;
const IMMEDIATE_PAUSES_MS = [100, 400];
/** Then, in the background, for about 20 minutes: a DynamoDB outage or throttling storm usually ends by then. */
const LATER_PAUSES_MS = [250, 2_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000];

export const AUDIT_INCOMPLETE = "The change is done, but the audit record could not be completed; Gatehouse keeps trying to write it.";
const WRITTEN_LATE = "(This outcome was written late: the first attempts to record it failed.)";

const pending = new Set<Promise<void>>();

async function tryFinish(handle: AuditHandle, outcome: AuditOutcome): Promise<boolean> {
  try {
    await finishAudit(handle, outcome);
    return true;
  } catch (error) {
    // The entry is no longer "started": an earlier attempt got through even though its answer was lost.
    if (error instanceof AuditError && error.cause instanceof ConditionalCheckFailedException) return true;
    if (error instanceof AuditError) return false;
    throw error;
  }
}

/**
 * Records an action's outcome after the work is done. The work cannot be undone by a failed
 * write, so this never throws for it: it retries at once a few times, and when that is not
 * enough it answers false (the caller tells the operator) and keeps trying in the background,
 * writing the outcome with a note that it came late. Should the process die first, the entry
 * stays "started" and the outcome is in the server log (finishAudit logs it with the entry id).
 */
export async function completeAudit(handle: AuditHandle, outcome: AuditOutcome): Promise<boolean> {
  for (let attempt = 0; attempt < IMMEDIATE_ATTEMPTS; attempt++) {
    if (await tryFinish(handle, outcome)) return true;
    const pause = IMMEDIATE_PAUSES_MS[attempt];
    if (pause !== undefined) await sleep(pause);
  }
  const late = { ...outcome, message: [outcome.message, WRITTEN_LATE].filter(Boolean).join(" ") };
  const repair = (async () => {
    for (const pause of LATER_PAUSES_MS) {
      await sleep(pause, undefined, { ref: false });
      if (await tryFinish(handle, late).catch(() => false)) {
        console.error(`[audit] the outcome of ${handle.id} was written late`);
        return;
      }
    }
    console.error(`[audit] gave up writing the outcome of ${handle.id}; it is in the log lines above`);
  })();
  pending.add(repair);
  void repair.finally(() => pending.delete(repair));
  return false;
}

/** Waits for the background repairs under way (tests, and a graceful shutdown). */
export async function settleAuditRepairs(): Promise<void> {
  // The repairs' own timers are unref'd (they must not hold a server open); a waiter holds the process itself.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    await Promise.all([...pending]);
  } finally {
    clearInterval(keepAlive);
  }
}
