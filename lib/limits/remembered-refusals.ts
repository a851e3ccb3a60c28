import "server-only";
import { type RateLimitName, serverConfig } from "@/lib/config";
import { limitNow } from "./clock";
import { hitLimit, type LimitVerdict } from "./rate-limit";

/**
 * Subjects this instance has seen refused, until their window ends. A refused hitLimit is still
 * a (failed conditional) UpdateItem, so a flood from one address would keep costing a write per
 * request; remembered, it costs nothing. Per process: another instance learns it from its own
 * first refusal, and the counter they share in the Gatehouse table still bounds them all.
 */
const refusedUntil = new Map<string, number>();
/** Beyond this many subjects (a flood from many addresses), the oldest are forgotten: they cost a request again. */
const MAX_REMEMBERED = 10_000;

const keyOf = (name: RateLimitName, subject: string) => `${name} ${subject.toLowerCase()}`;

/** The refusal this instance remembers for the subject, without asking DynamoDB; null when it knows none. */
export function knownOverLimit(name: RateLimitName, subject: string, now = limitNow()): LimitVerdict | null {
  const key = keyOf(name, subject);
  const until = refusedUntil.get(key);
  if (until === undefined) return null;
  if (until <= now) {
    refusedUntil.delete(key);
    return null;
  }
  return { allowed: false, count: serverConfig().rateLimits[name]?.max ?? 0, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

function remember(key: string, until: number, now: number) {
  if (refusedUntil.size >= MAX_REMEMBERED) {
    for (const [known, end] of refusedUntil) if (end <= now) refusedUntil.delete(known);
    for (let oldest = refusedUntil.keys().next(); refusedUntil.size >= MAX_REMEMBERED && !oldest.done; oldest = refusedUntil.keys().next()) {
      refusedUntil.delete(oldest.value);
    }
  }
  refusedUntil.set(key, until);
}

/** hitLimit, answered from memory while the subject is known to be over; a new refusal is remembered until its window ends. */
export async function hitLimitRemembering(name: RateLimitName, subject: string, now = limitNow()): Promise<LimitVerdict> {
  const known = knownOverLimit(name, subject, now);
  if (known) return known;
  const verdict = await hitLimit(name, subject, { now });
  if (!verdict.allowed) remember(keyOf(name, subject), now + verdict.retryAfterSeconds * 1000, now);
  return verdict;
}
