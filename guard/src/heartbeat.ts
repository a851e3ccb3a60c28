import { HEARTBEAT_TYPE } from "./contract.js";
import type { FailureReporter } from "./failures.js";
import type { GuardTable } from "./table.js";
import { GUARD_VERSION } from "./version.js";

export const HEARTBEAT_INTERVAL_MS = 10 * 60_000;
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Tells Gatehouse this product runs the guard: one PutItem at most every 10 minutes per
 * instance (and at most once a minute while DynamoDB fails). Never rejects.
 */
export function heartbeat(table: GuardTable, appName: string, report: FailureReporter) {
  let nextAt = -Infinity;
  return async (sessionStrategy: "jwt" | "database"): Promise<void> => {
    const now = Date.now();
    if (now < nextAt) return;
    nextAt = now + HEARTBEAT_INTERVAL_MS;
    try {
      await table.putHeartbeat({ type: HEARTBEAT_TYPE, appName, guardVersion: GUARD_VERSION, sessionStrategy, seenAt: new Date(now).toISOString() });
    } catch (error) {
      nextAt = now + RETRY_AFTER_FAILURE_MS;
      report("Writing the heartbeat", "Gatehouse may show no guard for this app", error);
    }
  };
}
