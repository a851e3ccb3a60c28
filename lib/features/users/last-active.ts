/**
 * "Last active ≈": a database session's `expires` is pushed to now + maxAge when the product
 * uses it (at most once per `updateAge`, one day by default), so the newest session's `expires`
 * minus maxAge is when the user was last seen, to within `updateAge`. Null without sessions.
 */
export function lastActiveEstimate(sessionExpiries: (number | null)[], productSessionSeconds: number, now: number): number | null {
  const known = sessionExpiries.filter((e): e is number => e !== null && Number.isFinite(e));
  if (known.length === 0) return null;
  const estimate = Math.max(...known) - productSessionSeconds * 1000;
  // A GATEHOUSE_PRODUCT_SESSION_DAYS shorter than the product's maxAge would put it in the future.
  return Math.min(estimate, now);
}

export const LAST_ACTIVE_NOTE =
  "An estimate: the newest session's expiry minus the product's session lifetime (GATEHOUSE_PRODUCT_SESSION_DAYS), precise to the product's updateAge (one day by default).";
