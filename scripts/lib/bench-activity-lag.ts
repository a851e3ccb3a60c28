import { quantile, round } from "./bench-measure";

/**
 * The activity phase's pure parts: which event a write should cause, and how far behind its
 * write each was stored. Times are the bench's own clock (Date.now()), never a stream record's:
 * DynamoDB Local rounds ApproximateCreationDateTime down to the minute.
 */

/** What identifies one event across the write and the store: its type and its user, or its token's fingerprint. */
export function eventKey(event: { type: string; userId?: string; fingerprint?: string }): string {
  return `${event.type}|${event.fingerprint ?? event.userId ?? ""}`;
}

export interface LagFigures {
  events: number;
  /** Written events never seen stored before the wait ended. */
  missing: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * Each expected event's lag: the time its store put succeeded less the time the write that
 * caused it was acknowledged. Stored events the bench did not write (other phases') are ignored.
 */
export function lagFigures(written: ReadonlyMap<string, number>, stored: ReadonlyMap<string, number>): LagFigures {
  const lags: number[] = [];
  let missing = 0;
  for (const [key, writtenAt] of written) {
    const storedAt = stored.get(key);
    if (storedAt === undefined) missing++;
    else lags.push(Math.max(0, storedAt - writtenAt));
  }
  return {
    events: lags.length,
    missing,
    p50Ms: lags.length ? round(quantile(lags, 0.5)) : Number.NaN,
    p95Ms: lags.length ? round(quantile(lags, 0.95)) : Number.NaN,
    maxMs: lags.length ? round(Math.max(...lags)) : Number.NaN,
  };
}

/**
 * The order a steady run issues writes in: a block of journeys (one user's sign-up to session)
 * a second, step by step across the block, so one user's next write comes a fifth of a second
 * after the one before it and the rate holds without reordering a journey. Returns [journey, step] pairs.
 */
export function pacedOrder(journeys: number, steps: number, perBlock: number): [number, number][] {
  const order: [number, number][] = [];
  for (let first = 0; first < journeys; first += perBlock) {
    const last = Math.min(journeys, first + perBlock);
    for (let step = 0; step < steps; step++) for (let journey = first; journey < last; journey++) order.push([journey, step]);
  }
  return order;
}
