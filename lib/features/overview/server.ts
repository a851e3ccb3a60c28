import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";
import { inspectTable, type TableHealth } from "@/lib/dynamo/table-health";

export interface TableOverview extends TableHealth {
  purpose: string;
  keys: { partitionKey: string; sortKey: string; indexName: string; indexPartitionKey: string; indexSortKey: string };
}

export interface Overview {
  engine: "embedded" | "endpoint" | "aws";
  location: string;
  readOnly: boolean;
  tables: TableOverview[];
}

export async function getOverview(operator: Operator | null): Promise<Overview> {
  authorize(operator, "read");
  const config = serverConfig();
  const { product, gatehouse } = config.dynamo;
  const shared = product.tableName === gatehouse.tableName;
  const schemas = shared
    ? [{ schema: product, purpose: "Product users (Auth.js) and Gatehouse operators" }]
    : [
        { schema: product, purpose: "Product users, written by Auth.js" },
        { schema: gatehouse, purpose: "Gatehouse operators and audit log" },
      ];
  const tables = await Promise.all(
    schemas.map(async ({ schema, purpose }) => {
      const { tableName: _table, ...keys } = schema;
      // The product table's stream is checked too: activity reads it.
      return { ...(await inspectTable(dynamo().raw, schema, { stream: schema.tableName === product.tableName })), purpose, keys };
    }),
  );
  const { engine, endpoint, region } = config.dynamo;
  return {
    engine,
    location: engine === "aws" ? `AWS ${region}` : `${endpoint ?? "?"}${engine === "embedded" ? " (embedded DynamoDB Local)" : ""}`,
    readOnly: config.readOnly,
    tables,
  };
}
