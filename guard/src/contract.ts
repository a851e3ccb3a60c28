/**
 * What Gatehouse and the guard agree on in the product's table. The console writes the block and
 * the revocation time; the guard reads them and writes the sign-in record and the heartbeat.
 */
export const ATTRIBUTES = {
  block: "gatehouseBlock",
  revokedAt: "gatehouseRevokedAt",
  lastSignInAt: "lastSignInAt",
  lastSignInProvider: "lastSignInProvider",
  signInCount: "signInCount",
  createdAt: "createdAt",
} as const;

/** Written by Gatehouse and the guard only: the guard keeps them out of the product's `adapter.updateUser`. */
export const OWNED_ATTRIBUTES: readonly string[] = Object.values(ATTRIBUTES);

export const HEARTBEAT_PARTITION = "GATEHOUSE#GUARD";
export const HEARTBEAT_TYPE = "GATEHOUSE_GUARD";

/** `gatehouseBlock` on a user item: `until` absent means permanent. */
export interface GatehouseBlock {
  since: string;
  until?: string;
  reason: string;
  by: string;
}

/** The heartbeat item, besides its two keys (`pk = GATEHOUSE#GUARD`, `sk = <appName>` under the configured names). */
export interface GuardHeartbeat {
  type: typeof HEARTBEAT_TYPE;
  appName: string;
  guardVersion: string;
  sessionStrategy: "jwt" | "database";
  seenAt: string;
}

/** What the guard needs to know about one user. */
export interface UserStanding {
  /** The block in force now, if any (an expired block is not returned). */
  block?: GatehouseBlock;
  /** Epoch milliseconds: sessions that began before it are over. */
  revokedAt?: number;
}

/** Epoch milliseconds of an ISO string, a Date or a number; undefined when unreadable. */
export function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string" || typeof value === "number") {
    const time = new Date(value).getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : value instanceof Date ? value.toISOString() : "";
}

/**
 * True while `block` holds at `now`. A block whose `until` cannot be read counts as permanent:
 * a typo in the console must not unblock anyone.
 */
export function blockIsActive(block: unknown, now: number = Date.now()): boolean {
  if (!block || typeof block !== "object") return false;
  const until = (block as Record<string, unknown>).until;
  if (until === undefined || until === null || until === "") return true;
  const time = timeOf(until);
  return time === undefined || time > now;
}

/**
 * Reads the standing from a user item as DynamoDB returns it or as the adapter hands it over
 * (the adapter turns top-level ISO strings into Dates; nested maps stay as stored).
 */
export function standingOf(item: Record<string, unknown> | undefined | null, now: number = Date.now()): UserStanding {
  if (!item) return {};
  const standing: UserStanding = {};
  const block = item[ATTRIBUTES.block];
  if (blockIsActive(block, now)) {
    const raw = block as Record<string, unknown>;
    standing.block = { since: text(raw.since), reason: text(raw.reason), by: text(raw.by), ...(raw.until ? { until: text(raw.until) } : {}) };
  }
  const revokedAt = timeOf(item[ATTRIBUTES.revokedAt]);
  if (revokedAt !== undefined) standing.revokedAt = revokedAt;
  return standing;
}
