import "server-only";
import { type Operator, principalId } from "@/lib/auth/principal";
import { serverConfig } from "@/lib/config";
import type { Meter } from "@/lib/dynamo/meter";
import { formatCount } from "@/lib/format/format";
import { chargeLimit, peekLimit, RateLimitedError, retryIn } from "@/lib/limits/rate-limit";

function per(seconds: number) {
  if (seconds === 60) return "minute";
  if (seconds === 3600) return "hour";
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}

/**
 * Before each step of a read an operator or key can trigger (heavy scans, page lists, list
 * previews, the audit log): refused once this window's read units (`read-units`, per
 * operator) are spent. Capacity is only known after a call, so a step started just under the
 * budget may pass it by up to one step's worth.
 */
export async function checkReadBudget(operator: Operator): Promise<void> {
  const verdict = await peekLimit("read-units", principalId(operator));
  if (verdict.allowed) return;
  const limit = serverConfig().rateLimits["read-units"];
  if (!limit) throw new Error("read-units: refused by a limit that is off");
  throw new RateLimitedError(
    `You have used your read budget (${formatCount(limit.max)} read unit${limit.max === 1 ? "" : "s"} per ${per(limit.windowSeconds)}, shared by the doctor, Count items, searches, purges, page lists, previews and the audit log); try again ${retryIn(verdict.retryAfterSeconds)}.`,
    verdict.retryAfterSeconds,
  );
}

/** After a step: what DynamoDB said it consumed. */
export async function chargeReadUnits(operator: Operator, units: number): Promise<void> {
  if (units > 0) await chargeLimit("read-units", principalId(operator), Math.round(units * 10) / 10);
}

/** Charges what `meter` has seen since the last call: for reads done in steps, each step charged once. */
export function meterCharger(operator: Operator, meter: Meter) {
  let charged = 0;
  return async () => {
    const units = meter.readUnits - charged;
    charged = meter.readUnits;
    await chargeReadUnits(operator, units);
  };
}

/**
 * One bounded read (a page of a list): refused before it reads once the budget is spent, and
 * charged with what it read, even when it fails part way (DynamoDB billed it all the same).
 * A charge that cannot be written is logged: the page was read, so it is still shown.
 */
export async function budgetedRead<T>(operator: Operator, meter: Meter, read: () => Promise<T>): Promise<T> {
  await checkReadBudget(operator);
  try {
    return await read();
  } finally {
    await chargeReadUnits(operator, meter.readUnits).catch((error: unknown) =>
      console.error("[read-budget] could not charge read units:", error instanceof Error ? error.name : error),
    );
  }
}
