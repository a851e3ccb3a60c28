import "server-only";
import { principalId, type Operator } from "@/lib/auth/principal";
import { serverConfig } from "@/lib/config";
import { formatCount } from "@/lib/format";
import { chargeLimit, peekLimit, RateLimitedError, retryIn } from "@/lib/limits/rate-limit";

function per(seconds: number) {
  if (seconds === 60) return "minute";
  if (seconds === 3600) return "hour";
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}

/**
 * Before each step of a heavy read: refused once this window's read units (`read-units`, per
 * operator) are spent. Capacity is only known after a call, so a step started just under the
 * budget may pass it by up to one step's worth.
 */
export async function checkReadBudget(operator: Operator): Promise<void> {
  const verdict = await peekLimit("read-units", principalId(operator));
  if (verdict.allowed) return;
  const limit = serverConfig().rateLimits["read-units"]!;
  throw new RateLimitedError(
    `You have used your read budget (${formatCount(limit.max)} read unit${limit.max === 1 ? "" : "s"} per ${per(limit.windowSeconds)}, shared by the doctor, Count items, searches, purges and the audit log); try again ${retryIn(verdict.retryAfterSeconds)}.`,
    verdict.retryAfterSeconds,
  );
}

/** After a step: what DynamoDB said it consumed. */
export async function chargeReadUnits(operator: Operator, units: number): Promise<void> {
  if (units > 0) await chargeLimit("read-units", principalId(operator), Math.round(units * 10) / 10);
}
