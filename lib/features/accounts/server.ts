import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import { productTable, scanProduct } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { toAccountRow } from "@/lib/features/accounts/row";
import type { AccountRow } from "@/lib/features/accounts/schema";
import { userRefs } from "@/lib/features/users/refs";

const ACCOUNT_ATTRIBUTES = ["type", "scope", "expires_at", "userId"];
const DISCOVERY_BUDGET = 5000;
const DISCOVERY_TTL_MS = 10 * 60_000;

let discovered: { at: number; table: string; providers: string[]; sampled: boolean } | undefined;

export interface ProviderList {
  providers: string[];
  /** True when the sample did not read the whole table, so rare providers may be missing. */
  sampled: boolean;
  meter: MeterEntry[];
}

/** Providers present in the table, found once by a sampled Scan (cached), plus GATEHOUSE_PROVIDERS. */
export async function listProviders(operator: Operator | null): Promise<ProviderList> {
  authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  if (!discovered || discovered.table !== table.schema.tableName || Date.now() - discovered.at > DISCOVERY_TTL_MS) {
    const { sk } = table.keys.names;
    const found = new Set<string>();
    const result = await scanProduct(table, meter, {
      filter: { expression: "begins_with(#sk, :account)", names: { "#sk": sk }, values: { ":account": prefixes.account } },
      projection: [],
      pageSize: Number.MAX_SAFE_INTEGER,
      budget: DISCOVERY_BUDGET,
    });
    for (const item of result.items) {
      const parsed = table.keys.parse(item);
      if (parsed.kind === "account") found.add(parsed.provider);
    }
    discovered = { at: Date.now(), table: table.schema.tableName, providers: [...found], sampled: Boolean(result.next) };
  }
  const providers = [...new Set([...table.config.providers, ...discovered.providers])].sort();
  return { providers, sampled: discovered.sampled, meter: meter.report() };
}

export interface AccountPage extends PageInfo {
  rows: AccountRow[];
  meter: MeterEntry[];
}

function accountRows(table: ReturnType<typeof productTable>, items: Item[]) {
  return items.flatMap((item) => {
    const parsed = table.keys.parse(item);
    return parsed.kind === "account" ? [toAccountRow(item, parsed)] : [];
  });
}

/** One provider's accounts through GSI1, ordered by providerAccountId, with their users in one BatchGetItem. */
export async function listAccounts(operator: Operator | null, request: { provider: string; pageSize: number; cursor?: string }): Promise<AccountPage> {
  authorize(operator, "read");
  const table = productTable();
  const view = `accounts:${request.provider}:${request.pageSize}`;
  const opened = openPage(table.secret, view, request.cursor);
  const meter = new Meter();
  const { pk, sk, gpk } = table.keys.names;
  const names: Record<string, string> = { "#gpk": gpk, "#pk": pk, "#sk": sk };
  for (const [i, attribute] of ACCOUNT_ATTRIBUTES.entries()) names[`#a${i}`] = attribute;
  const result = await meter.run("Query", () =>
    table.doc.query({
      TableName: table.schema.tableName,
      IndexName: table.schema.indexName,
      KeyConditionExpression: "#gpk = :gpk",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":gpk": table.keys.providerPartition(request.provider) },
      ProjectionExpression: ["#pk", "#sk", ...ACCOUNT_ATTRIBUTES.map((_, i) => `#a${i}`)].join(", "),
      Limit: request.pageSize,
      ExclusiveStartKey: opened.start,
      ReturnConsumedCapacity: "TOTAL",
    }),
  );
  const rows = accountRows(table, result.Items ?? []);
  const users = await userRefs(
    table,
    meter,
    rows.map((r) => r.userId),
  );
  for (const row of rows) row.user = users.get(row.userId) ?? null;
  return { rows, ...pageInfo(table.secret, view, opened, result.LastEvaluatedKey), meter: meter.report() };
}

/** The user behind `provider` + `providerAccountId`: one GSI1 Query. */
export async function lookUpAccount(
  operator: Operator | null,
  provider: string,
  providerAccountId: string,
): Promise<{ userId: string | null; meter: MeterEntry[] }> {
  authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  const item = await indexLookup(table, table.keys.accountIndex(provider, providerAccountId), [table.keys.names.pk, table.keys.names.sk], meter);
  const parsed = item ? table.keys.parse(item) : null;
  return { userId: parsed?.kind === "account" ? parsed.userId : null, meter: meter.report() };
}
