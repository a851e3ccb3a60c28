import type { GuardLogger } from "./options.js";

const QUIET_MS = 60_000;

/** Reports each kind of DynamoDB failure at most once a minute, so an outage doesn't flood the product's logs. */
export function failureReporter(logger: GuardLogger) {
  const lastReport = new Map<string, number>();
  return (what: string, outcome: string, error: unknown) => {
    const now = Date.now();
    if (now - (lastReport.get(what) ?? -Infinity) < QUIET_MS) return;
    lastReport.set(what, now);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    try {
      logger.error(`[gatehouse-guard] ${what} failed, ${outcome}. Further failures are not reported for a minute. ${reason}`, error);
    } catch {
      // a broken logger must not break sign-in either
    }
  };
}

export type FailureReporter = ReturnType<typeof failureReporter>;
