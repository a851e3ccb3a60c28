import { standingOf, type UserStanding } from "./contract.js";
import type { GuardTable, UserRecord } from "./table.js";

/** A standing as read at `readAt`: a revocation later than that is not known to it. */
export interface ReadStanding extends UserStanding {
  exists: boolean;
  readAt: number;
}

interface Entry {
  item: Record<string, unknown> | undefined;
  readAt: number;
}

const MAX_ENTRIES = 10_000;

/** Evaluated when used, not when read, so a block that runs out while cached lifts on time. */
function standingAt(entry: Entry, now: number): ReadStanding {
  return { exists: Boolean(entry.item), readAt: entry.readAt, ...standingOf(entry.item, now) };
}

/**
 * At most one read of a user's item per `cacheMs` on this instance; concurrent reads of one
 * user share a request. Failures are not kept, so the next request tries again.
 */
export function standingCache(table: GuardTable, cacheMs: number) {
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();

  function remember(id: string, entry: Entry): Entry {
    if (cacheMs > 0) {
      entries.delete(id);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(id, entry);
    }
    return entry;
  }

  async function read(id: string): Promise<Entry> {
    const readAt = Date.now();
    const record = await table.userById(id);
    return remember(id, { item: record?.item, readAt });
  }

  return {
    /** Within `cacheMs` of the last read of this user, no DynamoDB call. */
    async cached(id: string): Promise<ReadStanding> {
      const hit = entries.get(id);
      if (hit && Date.now() - hit.readAt < cacheMs) return standingAt(hit, Date.now());
      let inFlight = pending.get(id);
      if (!inFlight) {
        inFlight = read(id).finally(() => pending.delete(id));
        pending.set(id, inFlight);
      }
      return standingAt(await inFlight, Date.now());
    },
    /** Skips the cache (sign-in) and refreshes it, so a user unblocked a moment ago isn't refused by an old entry. */
    async fresh(id: string): Promise<ReadStanding> {
      return standingAt(await read(id), Date.now());
    },
    /** A user item found by another lookup (by email) refreshes the cache too. */
    found(record: UserRecord, readAt: number): ReadStanding {
      return standingAt(remember(record.id, { item: record.item, readAt }), Date.now());
    },
  };
}

export type StandingCache = ReturnType<typeof standingCache>;
