import { standingOf, type UserStanding } from "./contract.js";
import type { GuardTable, UserRecord } from "./table.js";

/** A standing as read at `readAt`: a revocation later than that is not known to it. */
export interface ReadStanding extends UserStanding {
  exists: boolean;
  readAt: number;
  /** Read strongly consistent: a missing item is really gone, not a write the replica has yet to see. */
  consistent: boolean;
}

interface Entry {
  item: Record<string, unknown> | undefined;
  readAt: number;
  consistent: boolean;
}

const MAX_ENTRIES = 10_000;

/** Evaluated when used, not when read, so a block that runs out while cached lifts on time. */
function standingAt(entry: Entry, now: number): ReadStanding {
  return { exists: Boolean(entry.item), readAt: entry.readAt, consistent: entry.consistent, ...standingOf(entry.item, now) };
}

/**
 * At most one read of a user's item per `cacheMs` on this instance; concurrent reads of one
 * user share a request. Failures are not kept, so the next request tries again. Every entry,
 * "missing" included, is forgotten after `cacheMs`: a user restored (Undo) or re-created under
 * the same id is seen again within that.
 */
export function standingCache(table: GuardTable, cacheMs: number) {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  const pendingConsistent = new Map<string, Promise<Entry>>();

  function remember(id: string, entry: Entry): Entry {
    if (cacheMs > 0) {
      entries.delete(id);
      const oldest = entries.keys().next();
      if (entries.size >= MAX_ENTRIES && !oldest.done) entries.delete(oldest.value);
      entries.set(id, entry);
    }
    return entry;
  }

  async function read(id: string, consistent = false): Promise<Entry> {
    const readAt = Date.now();
    const record = await table.userById(id, consistent);
    return remember(id, { item: record?.item, readAt, consistent });
  }

  /** One request per user at a time: concurrent callers share it. */
  function shared(inFlight: Map<string, Promise<Entry>>, id: string, consistent: boolean): Promise<Entry> {
    let request = inFlight.get(id);
    if (!request) {
      request = read(id, consistent).finally(() => inFlight.delete(id));
      inFlight.set(id, request);
    }
    return request;
  }

  async function cached(id: string): Promise<ReadStanding> {
    const hit = entries.get(id);
    if (hit && Date.now() - hit.readAt < cacheMs) return standingAt(hit, Date.now());
    return standingAt(await shared(pending, id, false), Date.now());
  }

  return {
    /** Within `cacheMs` of the last read of this user, no DynamoDB call. */
    cached,
    /**
     * As `cached`, but "missing" is believed only from a strongly consistent read (1 RCU): an
     * eventually consistent one can miss a user created a moment ago. The consistent answer is
     * cached like any other, so a deleted user's replayed cookie costs nothing within `cacheMs`.
     */
    async confirmed(id: string): Promise<ReadStanding> {
      const standing = await cached(id);
      if (standing.exists || standing.consistent) return standing;
      return standingAt(await shared(pendingConsistent, id, true), Date.now());
    },
    /** Skips the cache (sign-in) and refreshes it, so a user unblocked a moment ago isn't refused by an old entry. */
    async fresh(id: string): Promise<ReadStanding> {
      return standingAt(await read(id), Date.now());
    },
    /** A user item found by another lookup (by email) refreshes the cache too. */
    found(record: UserRecord, readAt: number): ReadStanding {
      return standingAt(remember(record.id, { item: record.item, readAt, consistent: false }), Date.now());
    },
  };
}

export type StandingCache = ReturnType<typeof standingCache>;
