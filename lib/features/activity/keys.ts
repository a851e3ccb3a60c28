import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { sha256Hex } from "@/lib/secrets";
import type { ActivityEvent } from "./schema";

/** How many partitions one day's events are spread over, so a busy day is not one hot partition. */
export const DEFAULT_SHARDS = 8;

/** `2026-12-07T10:00:00.000Z` → `2026-12-07`; → `2026-12`. */
export const dayOf = (iso: string) => iso.slice(0, 10);
export const monthOf = (iso: string) => iso.slice(0, 7);

/** An event's shard: from its id, so a retried event lands where it landed before. */
export const shardOf = (id: string, shards: number) => Number.parseInt(sha256Hex(id).slice(0, 8), 16) % shards;

/**
 * Where activity lives in Gatehouse's table, through its configured key names:
 * - an event: `ACTIVITY#<day>#<shard>` / `<time>#<id>`, and on the index one partition per user
 *   (`ACTIVITY#USER#<id>`) or, for a magic link before any user, per address (`ACTIVITY#EMAIL#<address>`);
 * - the figures: one partition (`ACTIVITY#STATS`), one item per day (or month) and shard, so 30 days are one Query;
 * - who was active: a marker per user per day and per month (`ACTIVITY#ACTIVE#<day or month>` / `<user id>`), written once.
 */
export function activityKeys(schema: TableSchema) {
  const { pk, sk, gpk, gsk } = keysFor(schema).names;
  return {
    names: { pk, sk, gpk, gsk },
    dayPartition: (day: string, shard: number) => `ACTIVITY#${day}#${shard}`,
    event(event: ActivityEvent, shards: number) {
      const sort = `${event.at}#${event.id}`;
      const owner = event.userId ? `ACTIVITY#USER#${event.userId}` : event.identifier ? `ACTIVITY#EMAIL#${event.identifier.toLowerCase()}` : undefined;
      return {
        [pk]: `ACTIVITY#${dayOf(event.at)}#${shardOf(event.id, shards)}`,
        [sk]: sort,
        ...(owner ? { [gpk]: owner, [gsk]: sort } : {}),
      };
    },
    userPartition: (userId: string) => `ACTIVITY#USER#${userId}`,
    emailPartition: (address: string) => `ACTIVITY#EMAIL#${address.toLowerCase()}`,
    statsPartition: "ACTIVITY#STATS",
    stats: (period: string, shard: number) => ({ [pk]: "ACTIVITY#STATS", [sk]: `${period}#${shard}` }),
    active: (period: string, userId: string) => ({ [pk]: `ACTIVITY#ACTIVE#${period}`, [sk]: userId }),
  };
}
export type ActivityKeys = ReturnType<typeof activityKeys>;
