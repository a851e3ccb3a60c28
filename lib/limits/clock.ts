/**
 * The rate limiter's clock: the wall clock, unless a test holds it at one instant so that no
 * window edge can fall among the requests it counts (tests that call route handlers cannot
 * pass a `now` of their own).
 */
let held: number | null = null;

export const limitNow = (): number => held ?? Date.now();

/** Holds the limiter's clock at `at` (epoch ms); null gives it back to the wall clock. */
export function holdLimitClock(at: number | null): void {
  held = at;
}
