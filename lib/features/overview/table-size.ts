import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";

export interface TableSize {
  itemCount: number;
  sizeBytes: number;
  /** Read units a full Scan consumes: 4 KB per unit, eventually consistent halves it. */
  fullScanReadUnits: number;
}

let cached: { at: number; table: string; size: TableSize } | undefined;

/** DescribeTable's approximate size (refreshed by DynamoDB about every 6 hours), cached for a minute. */
export async function productTableSize(operator: Operator | null): Promise<TableSize> {
  authorize(operator, "read");
  const table = productTable();
  if (cached && cached.table === table.schema.tableName && Date.now() - cached.at < 60_000) return cached.size;
  const { Table } = await table.raw.describeTable({ TableName: table.schema.tableName });
  const sizeBytes = Table?.TableSizeBytes ?? 0;
  const size = { itemCount: Table?.ItemCount ?? 0, sizeBytes, fullScanReadUnits: Math.ceil(sizeBytes / 4096 / 2) };
  cached = { at: Date.now(), table: table.schema.tableName, size };
  return size;
}
