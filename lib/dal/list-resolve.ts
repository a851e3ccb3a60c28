import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/block";
import { mapConcurrent } from "@/lib/concurrent";
import { isEmailEntry, isListEntry } from "@/lib/list-jobs/entries";
import type { ResolvedEntry } from "@/lib/previews/list-job";
import { RefusedError } from "./act";
import { indexLookup } from "./index-lookup";
import { productTable, type ProductTable } from "./product-table";

/** Entries one resolve call takes (the console sends a long list in such chunks, to show progress and stop between them). */
export const RESOLVE_CHUNK = 500;
/** Lookups in flight at once: enough to hide latency, few enough not to throttle a small table. */
export const RESOLVE_CONCURRENCY = 16;

const PROJECTION = ["id", "email", GUARD_ATTRIBUTES.block];

/**
 * One entry's user: an email through GSI1 (as written, then as Auth.js normalizes it), a user
 * id through GetItem, each reading only id, email and the block.
 */
export async function resolveEntry(table: ProductTable, entry: string, now = Date.now()): Promise<ResolvedEntry> {
  const none: ResolvedEntry = { entry, userId: null, email: null, blocked: false };
  if (!isListEntry(entry)) return none;
  let item: Record<string, unknown> | undefined;
  if (isEmailEntry(entry)) {
    for (const email of new Set([entry, entry.toLowerCase()])) {
      item = await indexLookup(table, table.keys.userIndex(email), PROJECTION);
      if (item) break;
    }
  } else {
    const names = Object.fromEntries(PROJECTION.map((a, i) => [`#p${i}`, a]));
    ({ Item: item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(entry), ProjectionExpression: Object.keys(names).join(", "), ExpressionAttributeNames: names }));
  }
  if (!item || typeof item.id !== "string") return none;
  return {
    entry,
    userId: item.id,
    email: typeof item.email === "string" ? item.email : null,
    blocked: toBlockView(item[GUARD_ATTRIBUTES.block], now)?.active === true,
  };
}

/** Resolves up to RESOLVE_CHUNK listed entries, RESOLVE_CONCURRENCY at a time, in list order. */
export async function resolveListEntries(operator: Operator | null, entries: readonly string[]): Promise<ResolvedEntry[]> {
  authorize(operator, "read");
  if (entries.length > RESOLVE_CHUNK) throw new RefusedError(`Resolve at most ${RESOLVE_CHUNK} entries at a time.`);
  const table = productTable();
  const now = Date.now();
  return mapConcurrent(entries, RESOLVE_CONCURRENCY, (entry) => resolveEntry(table, entry, now));
}
