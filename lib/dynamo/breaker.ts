/**
 * Whether this process currently finds DynamoDB unreachable. Kept on globalThis because the
 * proxy and the pages are separate bundles of one server process: a module-level variable
 * would exist once per bundle. No DynamoDB client here, so the proxy can import it.
 */
interface BreakerState {
  /** Since when DynamoDB has been unreachable (epoch ms), or null while it answers. */
  downSince: number | null;
}

const KEY = Symbol.for("gatehouse.dynamo-breaker");
const store = globalThis as typeof globalThis & { [KEY]?: BreakerState };

function state(): BreakerState {
  store[KEY] ??= { downSince: null };
  return store[KEY];
}

/** Seconds between probes while DynamoDB is unreachable; also the 503's Retry-After. */
export const PROBE_SECONDS = 3;

export function dynamoIsDown(): boolean {
  return state().downSince !== null;
}

/** Returns true when this call opened the breaker (the caller starts probing). */
export function markDynamoDown(now = Date.now()): boolean {
  const current = state();
  if (current.downSince !== null) return false;
  current.downSince = now;
  return true;
}

export function markDynamoUp(): void {
  state().downSince = null;
}
