import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { epochMs } from "@/lib/dynamo/item-values";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import { productTable, scanProduct } from "@/lib/dynamo/product-table";
import { toSessionRow } from "@/lib/features/sessions/row";
import type { SessionRow } from "@/lib/features/sessions/schema";
import { userRefs } from "@/lib/features/users/refs";
import { budgetedRead } from "@/lib/limits/read-budget";

export interface SessionPage extends PageInfo {
  rows: SessionRow[];
  /** The table was read to the end from page one and holds no session item at all. */
  noSessionItems: boolean;
  meter: MeterEntry[];
  now: number;
}

/**
 * Sessions across all users: a Scan on the session sort-key prefix, live ones only unless
 * expired-but-not-yet-deleted ones are asked for, with their users in one BatchGetItem.
 */
export async function listSessions(operator: Operator | null, request: { pageSize: number; includeExpired: boolean; cursor?: string }): Promise<SessionPage> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const view = `sessions:${request.includeExpired ? "all" : "live"}:${request.pageSize}`;
  const opened = openPage(table.secret, view, request.cursor);
  const meter = new Meter();
  const now = Date.now();
  const { sk } = table.keys.names;
  // Up to 50,000 items a page (all of them on a JWT product, which has no session items): within the read budget.
  return budgetedRead(allowed, meter, async () => {
    const result = await scanProduct(table, meter, {
      filter: { expression: "begins_with(#sk, :session)", names: { "#sk": sk }, values: { ":session": prefixes.session } },
      projection: ["expires"],
      pageSize: request.pageSize,
      start: opened.start,
      budget: 50_000,
      // `expires` may be fractional seconds or, from older writers, a string: compared here, not in the filter.
      accept: (item) => request.includeExpired || (epochMs(item.expires) ?? Infinity) > now,
    });
    const rows = result.items.flatMap((item) => {
      const parsed = table.keys.parse(item);
      return parsed.kind === "session" ? [toSessionRow(item, parsed, now, table.config.productSessionSeconds)] : [];
    });
    const users = await userRefs(
      table,
      meter,
      rows.map((r) => r.userId),
    );
    for (const row of rows) row.user = users.get(row.userId) ?? null;
    return {
      rows,
      noSessionItems: opened.page === 1 && !result.next && rows.length === 0 && result.rejected === 0,
      ...pageInfo(table.secret, view, opened, result.next),
      meter: meter.report(),
      now,
    };
  });
}

/** The user behind a pasted session token: one GSI1 Query. The token arrives in a POST body only. */
export async function lookUpSession(operator: Operator | null, sessionToken: string): Promise<{ userId: string | null; meter: MeterEntry[] }> {
  authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  const item = await indexLookup(table, table.keys.sessionIndex(sessionToken.trim()), [table.keys.names.pk, table.keys.names.sk], meter);
  const parsed = item ? table.keys.parse(item) : null;
  return { userId: parsed?.kind === "session" ? parsed.userId : null, meter: meter.report() };
}
