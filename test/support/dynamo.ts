import { randomUUID } from "node:crypto";
import type { TableSchema } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { startDynamoLocal } from "@/scripts/lib/dynamodb-local";

/**
 * DynamoDB Local for an integration test file: the one `npm test` started (shared, in memory),
 * or a fresh one when the file runs on its own. Tests use their own table names, so they can
 * run in parallel against one engine.
 */
export async function testDynamo() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const shared = process.env.GATEHOUSE_TEST_DYNAMODB_ENDPOINT || undefined;
  const engine = shared ? undefined : await startDynamoLocal();
  const endpoint = shared ?? engine!.endpoint;
  const clients = createDynamoClients({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  return { ...clients, endpoint, stop: async () => engine?.stop() };
}

export function testSchema(label: string, names: "default" | "custom" = "default"): TableSchema {
  const tableName = `${label}-${randomUUID().slice(0, 8)}`;
  return names === "default"
    ? { tableName, partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" }
    : { tableName, partitionKey: "PK", sortKey: "SK", indexName: "byLookup", indexPartitionKey: "lookupPK", indexSortKey: "lookupSK" };
}

/**
 * The environment that points the console (its config is read once per process) at test tables
 * on this engine. No AUTH_URL: a served console gets its own from startConsoleServer, and
 * in-process tests get one from inProcessConsoleEnv.
 */
export function consoleEnv(endpoint: string, product: TableSchema, gatehouseTable?: string): Record<string, string> {
  return {
    AUTH_DYNAMODB_ENDPOINT: endpoint,
    AUTH_DYNAMODB_ID: "local",
    AUTH_DYNAMODB_SECRET: "local",
    AUTH_DYNAMODB_TABLE: product.tableName,
    AUTH_DYNAMODB_PARTITION_KEY: product.partitionKey,
    AUTH_DYNAMODB_SORT_KEY: product.sortKey,
    AUTH_DYNAMODB_INDEX_NAME: product.indexName,
    AUTH_DYNAMODB_INDEX_PARTITION_KEY: product.indexPartitionKey,
    AUTH_DYNAMODB_INDEX_SORT_KEY: product.indexSortKey,
    ...(gatehouseTable ? { GATEHOUSE_TABLE: gatehouseTable } : {}),
    AUTH_SECRET: "t".repeat(40),
    GATEHOUSE_ADMINS: "@ops.test",
    GATEHOUSE_VIEWERS: "@view.test",
  };
}

/** consoleEnv for the console's code loaded into a test process, which serves nothing: any URL will do. */
export function inProcessConsoleEnv(endpoint: string, product: TableSchema, gatehouseTable?: string): Record<string, string> {
  return { ...consoleEnv(endpoint, product, gatehouseTable), AUTH_URL: "http://localhost:3000" };
}

/**
 * Points the console at `product` and Gatehouse's own table on this engine and creates them
 * (a fresh Gatehouse table when none is given: heavy scans keep their lease and read budget
 * there). The product table has no TTL unless asked: DynamoDB Local really deletes expired
 * items, and tests need them to wait, as they do for hours on AWS.
 */
export async function useConsoleTables(
  dynamo: Awaited<ReturnType<typeof testDynamo>>,
  product: TableSchema,
  options: { gatehouse?: TableSchema; ttl?: boolean; env?: Record<string, string> } = {},
) {
  const gatehouse = options.gatehouse ?? testSchema(`${product.tableName}-gatehouse`);
  Object.assign(process.env, inProcessConsoleEnv(dynamo.endpoint, product, gatehouse.tableName), options.env);
  await ensureTable(dynamo.raw, product, { ttl: options.ttl ?? false });
  await ensureTable(dynamo.raw, gatehouse);
}
