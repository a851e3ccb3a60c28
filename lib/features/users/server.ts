import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { heavyScan } from "@/lib/dynamo/heavy-scan";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import { productTable, scanProduct } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { GUARD_ATTRIBUTES } from "@/lib/features/block/contract";
import { toUserRow, USER_ROW_ATTRIBUTES as USER_ATTRIBUTES } from "@/lib/features/users/row";
import type { UserRow } from "@/lib/features/users/schema";
import { budgetedRead } from "@/lib/limits/read-budget";
/** Items read per step of a "contains" search before asking the operator to continue. */
export const SEARCH_STEP = 2000;

export interface UserPage extends PageInfo {
  rows: UserRow[];
  meter: MeterEntry[];
}

function usersFrom(items: Item[], table: ReturnType<typeof productTable>): UserRow[] {
  return items.flatMap((item) => {
    const parsed = table.keys.parse(item);
    return parsed.kind === "user" ? [toUserRow(item, parsed.id)] : [];
  });
}

/**
 * Every user: a Scan filtered to user items, with a projection, one page at a time. `blocked`
 * keeps only users with a gatehouseBlock (active or expired): the same Scan, so it reads the
 * whole table to fill a page of a few blocked users.
 */
export async function listUsers(operator: Operator | null, request: { pageSize: number; cursor?: string; blocked?: boolean }): Promise<UserPage> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const view = `users${request.blocked ? "-blocked" : ""}:${request.pageSize}`;
  const opened = openPage(table.secret, view, request.cursor);
  const meter = new Meter();
  const { pk, sk } = table.keys.names;
  const names: Record<string, string> = { "#pk": pk, "#sk": sk, ...(request.blocked ? { "#block": GUARD_ATTRIBUTES.block } : {}) };
  const scan = () =>
    scanProduct(table, meter, {
      filter: {
        expression: `begins_with(#pk, :user) AND #pk = #sk${request.blocked ? " AND attribute_exists(#block)" : ""}`,
        names,
        values: { ":user": prefixes.user },
      },
      projection: USER_ATTRIBUTES,
      pageSize: request.pageSize,
      start: opened.start,
      budget: 50_000,
    });
  // Few rows match, so a page of blocked users reads up to the whole budget: a heavy scan (read budget, one at a time).
  // Any other page reads up to 50,000 items too, so it is within the read budget as well.
  const result = request.blocked ? await heavyScan(allowed, "the blocked users list", meter, scan) : await budgetedRead(allowed, meter, scan);
  return { rows: usersFrom(result.items, table), ...pageInfo(table.secret, view, opened, result.next), meter: meter.report() };
}

export type UserLookup = { id: string | null; by: "email" | "id"; meter: MeterEntry[] };

/** The user item an exact email (GSI1, as typed then lowercased) or a user id (GetItem) names, read with `projection`. */
async function findUserItem(
  table: ReturnType<typeof productTable>,
  meter: Meter,
  query: string,
  projection: string[],
): Promise<{ item: Item | undefined; id: string | null; by: "email" | "id" }> {
  const value = query.trim();
  if (value.includes("@")) {
    // Exactly as typed first (OAuth providers may store mixed case), then as Auth.js normalizes it.
    for (const email of [...new Set([value, value.toLowerCase()])]) {
      const item = await indexLookup(table, table.keys.userIndex(email), projection, meter);
      if (typeof item?.id === "string") return { item, id: item.id, by: "email" };
    }
    return { item: undefined, id: null, by: "email" };
  }
  const names = Object.fromEntries(projection.map((attribute, i) => [`#p${i}`, attribute]));
  const result = await meter.run("GetItem", () =>
    table.doc.get({
      TableName: table.schema.tableName,
      Key: table.keys.user(value),
      ProjectionExpression: Object.keys(names).join(", "),
      ExpressionAttributeNames: names,
      ReturnConsumedCapacity: "TOTAL",
    }),
  );
  return { item: result.Item, id: result.Item ? value : null, by: "id" };
}

/** An exact email through GSI1, or a user id through GetItem: one request either way. */
export async function lookUpUser(operator: Operator | null, query: string): Promise<UserLookup> {
  authorize(operator, "read");
  const meter = new Meter();
  const { id, by } = await findUserItem(productTable(), meter, query, ["id"]);
  return { id, by, meter: meter.report() };
}

export type UserRowLookup = { row: UserRow | null; by: "email" | "id"; meter: MeterEntry[] };

/** lookUpUser's one request, reading the list's attributes: the user's row, not only their id. */
export async function lookUpUserRow(operator: Operator | null, query: string): Promise<UserRowLookup> {
  authorize(operator, "read");
  const meter = new Meter();
  const { item, id, by } = await findUserItem(productTable(), meter, query, USER_ATTRIBUTES);
  return { row: item && id ? toUserRow(item, id) : null, by, meter: meter.report() };
}

export interface UserSearch extends PageInfo {
  rows: UserRow[];
  scanned: number;
  done: boolean;
  meter: MeterEntry[];
}

/**
 * Anything that is not an exact email or id: a "contains" Scan over email and name, read in
 * steps of SEARCH_STEP items so the operator sees what it costs and decides whether to go on.
 * Each step is a heavy scan: within the operator's read budget, and not beside another of theirs.
 */
export async function searchUsers(operator: Operator | null, request: { query: string; cursor?: string }): Promise<UserSearch> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const needle = request.query.trim().toLowerCase();
  const view = `users-search:${needle}`;
  const opened = openPage(table.secret, view, request.cursor);
  const meter = new Meter();
  const { pk, sk } = table.keys.names;
  const result = await heavyScan(allowed, "a users search", meter, () =>
    scanProduct(table, meter, {
      filter: {
        expression: "begins_with(#pk, :user) AND #pk = #sk AND (contains(#email, :q) OR contains(#name, :q) OR contains(#name, :qCap))",
        names: { "#pk": pk, "#sk": sk, "#email": "email", "#name": "name" },
        values: { ":user": prefixes.user, ":q": needle, ":qCap": needle.charAt(0).toUpperCase() + needle.slice(1) },
      },
      projection: USER_ATTRIBUTES,
      pageSize: 100,
      start: opened.start,
      budget: SEARCH_STEP,
    }),
  );
  const scanned = (opened.progress.scanned ?? 0) + result.scanned;
  return {
    rows: usersFrom(result.items, table),
    scanned,
    done: !result.next,
    ...pageInfo(table.secret, view, opened, result.next, { scanned }),
    meter: meter.report(),
  };
}
