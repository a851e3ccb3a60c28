import "server-only";
import { serverConfig } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import type { Meter } from "@/lib/dynamo/meter";
import { type SegmentStepRequest, scanSegmentsStep } from "@/lib/dynamo/parallel-scan";
import { type ScanPageRequest, scanPage } from "@/lib/dynamo/scan-page";
import { dynamo } from "@/lib/dynamo/server";

/** The product table as the DAL sees it: schema, key builders, clients, and the cursor secret. */
export function productTable() {
  const config = serverConfig();
  const schema = config.dynamo.product;
  const { doc, raw } = dynamo();
  return { schema, keys: keysFor(schema), doc, raw, secret: config.secret, config };
}

export type ProductTable = ReturnType<typeof productTable>;

type Supplied = "doc" | "meter" | "tableName" | "keyNames";

/** One page of a filtered Scan of the product table, keyed through the configured names. */
export function scanProduct(table: ProductTable, meter: Meter, request: Omit<ScanPageRequest, Supplied>) {
  const { pk, sk } = table.keys.names;
  return scanPage({ doc: table.doc, meter, tableName: table.schema.tableName, keyNames: [pk, sk], ...request });
}

/** One step of a parallel-segment Scan of the product table, keyed through the configured names. */
export function scanProductSegments(table: ProductTable, meter: Meter, request: Omit<SegmentStepRequest, Supplied>) {
  const { pk, sk } = table.keys.names;
  return scanSegmentsStep({ doc: table.doc, meter, tableName: table.schema.tableName, keyNames: [pk, sk], ...request });
}

/** DescribeTable's approximate item count (DynamoDB refreshes it about every 6 hours); not billed. */
export async function approximateItemCount(table: ProductTable): Promise<number> {
  const { Table } = await table.raw.describeTable({ TableName: table.schema.tableName });
  return Table?.ItemCount ?? 0;
}
