import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import { productTable, scanProduct } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { toTokenRow } from "@/lib/features/tokens/row";
import type { TokenRow } from "@/lib/features/tokens/schema";
import { budgetedRead } from "@/lib/limits/read-budget";

export interface TokenPage extends PageInfo {
  rows: TokenRow[];
  meter: MeterEntry[];
  now: number;
}

function tokenRows(table: ReturnType<typeof productTable>, items: Item[], now: number) {
  return items.flatMap((item) => {
    const parsed = table.keys.parse(item);
    return parsed.kind === "verificationToken" ? [toTokenRow(item, parsed, now)] : [];
  });
}

/** Pending sign-in tokens: a Scan on the `VT#` prefix, paged. */
export async function listVerificationTokens(operator: Operator | null, request: { pageSize: number; cursor?: string }): Promise<TokenPage> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const view = `tokens:${request.pageSize}`;
  const opened = openPage(table.secret, view, request.cursor);
  const meter = new Meter();
  const now = Date.now();
  const { pk } = table.keys.names;
  // Up to 50,000 items a page: within the read budget.
  const result = await budgetedRead(allowed, meter, () =>
    scanProduct(table, meter, {
      filter: { expression: "begins_with(#pk, :vt)", names: { "#pk": pk }, values: { ":vt": prefixes.verificationToken } },
      projection: ["expires"],
      pageSize: request.pageSize,
      start: opened.start,
      budget: 50_000,
    }),
  );
  return { rows: tokenRows(table, result.items, now), ...pageInfo(table.secret, view, opened, result.next), meter: meter.report(), now };
}

/** The tokens pending for one identifier (usually an email): one Query. */
export async function tokensForIdentifier(operator: Operator | null, identifier: string): Promise<{ rows: TokenRow[]; meter: MeterEntry[]; now: number }> {
  authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  const now = Date.now();
  const { pk, sk } = table.keys.names;
  const result = await meter.run("Query", () =>
    table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": pk, "#sk": sk, "#expires": "expires" },
      ExpressionAttributeValues: { ":pk": table.keys.verificationTokenPartition(identifier) },
      ProjectionExpression: "#pk, #sk, #expires",
      ReturnConsumedCapacity: "TOTAL",
    }),
  );
  return { rows: tokenRows(table, result.Items ?? [], now), meter: meter.report(), now };
}
