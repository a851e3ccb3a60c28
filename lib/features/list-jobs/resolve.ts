import "server-only";
import { RefusedError } from "@/lib/audit/act";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { Meter } from "@/lib/dynamo/meter";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import { isEmailEntry, isListEntry } from "@/lib/features/list-jobs/entries";
import type { ResolvedEntry } from "@/lib/features/list-jobs/preview";
import { checkReadBudget, meterCharger } from "@/lib/limits/read-budget";

/** Entries one resolve call takes (the console sends a long list in such chunks, to show progress and stop between them). */
export const RESOLVE_CHUNK = 500;
/** Lookups in flight at once: enough to hide latency, few enough not to throttle a small table. */
export const RESOLVE_CONCURRENCY = 16;

const PROJECTION = ["id", "email", GUARD_ATTRIBUTES.block];

/**
 * One entry's user: an email through GSI1 (as written, then as Auth.js normalizes it), a user
 * id through GetItem, each reading only id, email and the block.
 */
export async function resolveEntry(table: ProductTable, entry: string, now = Date.now(), meter?: Meter): Promise<ResolvedEntry> {
  const none: ResolvedEntry = { entry, userId: null, email: null, blocked: false };
  if (!isListEntry(entry)) return none;
  let item: Record<string, unknown> | undefined;
  if (isEmailEntry(entry)) {
    for (const email of new Set([entry, entry.toLowerCase()])) {
      item = await indexLookup(table, table.keys.userIndex(email), PROJECTION, meter);
      if (item) break;
    }
  } else {
    const names = Object.fromEntries(PROJECTION.map((a, i) => [`#p${i}`, a]));
    const get = () =>
      table.doc.get({
        TableName: table.schema.tableName,
        Key: table.keys.user(entry),
        ProjectionExpression: Object.keys(names).join(", "),
        ExpressionAttributeNames: names,
        ReturnConsumedCapacity: "TOTAL",
      });
    ({ Item: item } = meter ? await meter.run("GetItem", get) : await get());
  }
  if (!item || typeof item.id !== "string") return none;
  return {
    entry,
    userId: item.id,
    email: typeof item.email === "string" ? item.email : null,
    blocked: toBlockView(item[GUARD_ATTRIBUTES.block], now)?.active === true,
  };
}

/**
 * Resolves listed entries for an operator or key, within their read budget: RESOLVE_CHUNK at a
 * time, the budget checked before each chunk and charged with what it read, so a 10,000-entry
 * list stops at the budget instead of reading on (it may pass it by one chunk).
 */
export async function resolveWithinBudget(operator: Operator, table: ProductTable, entries: readonly string[], now = Date.now()): Promise<ResolvedEntry[]> {
  const meter = new Meter();
  const charge = meterCharger(operator, meter);
  const resolved: ResolvedEntry[] = [];
  for (let start = 0; start < entries.length; start += RESOLVE_CHUNK) {
    await checkReadBudget(operator);
    try {
      resolved.push(
        ...(await mapConcurrent(entries.slice(start, start + RESOLVE_CHUNK), RESOLVE_CONCURRENCY, (entry) => resolveEntry(table, entry, now, meter))),
      );
    } finally {
      await charge();
    }
  }
  return resolved;
}

/** Resolves up to RESOLVE_CHUNK listed entries, RESOLVE_CONCURRENCY at a time, in list order, within the operator's read budget. */
export async function resolveListEntries(operator: Operator | null, entries: readonly string[]): Promise<ResolvedEntry[]> {
  const allowed = authorize(operator, "read");
  if (entries.length > RESOLVE_CHUNK) throw new RefusedError(`Resolve at most ${RESOLVE_CHUNK} entries at a time.`);
  return resolveWithinBudget(allowed, productTable(), entries);
}
