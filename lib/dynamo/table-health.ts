import { type DynamoDB, ResourceNotFoundException, type TableDescription, type TimeToLiveDescription } from "@aws-sdk/client-dynamodb";
import type { TableSchema } from "@/lib/config";

export const TTL_ATTRIBUTE = "expires";

export interface Finding {
  level: "error" | "warning";
  message: string;
  fix: string;
}

export interface TableHealth {
  tableName: string;
  exists: boolean;
  status?: string;
  itemCount?: number;
  sizeBytes?: number;
  billingMode?: string;
  index?: { name: string; status?: string };
  ttl?: { status: string; attribute?: string };
  findings: Finding[];
}

/** The table the adapter docs describe: pk/sk strings, GSI1 (projection ALL), on-demand. */
export function createTableInput(schema: TableSchema) {
  return {
    TableName: schema.tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      { AttributeName: schema.partitionKey, AttributeType: "S" as const },
      { AttributeName: schema.sortKey, AttributeType: "S" as const },
      { AttributeName: schema.indexPartitionKey, AttributeType: "S" as const },
      { AttributeName: schema.indexSortKey, AttributeType: "S" as const },
    ],
    KeySchema: [
      { AttributeName: schema.partitionKey, KeyType: "HASH" as const },
      { AttributeName: schema.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: schema.indexName,
        KeySchema: [
          { AttributeName: schema.indexPartitionKey, KeyType: "HASH" as const },
          { AttributeName: schema.indexSortKey, KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "ALL" as const },
      },
    ],
  };
}

function typeOf(table: TableDescription, attribute: string) {
  return table.AttributeDefinitions?.find((a) => a.AttributeName === attribute)?.AttributeType;
}

function keyName(keys: { AttributeName?: string; KeyType?: string }[] | undefined, type: "HASH" | "RANGE") {
  return keys?.find((k) => k.KeyType === type)?.AttributeName;
}

/** Pure: what is wrong with a described table, and the command that fixes it. */
export function diagnose(schema: TableSchema, table: TableDescription, ttl: TimeToLiveDescription | undefined): Finding[] {
  const t = schema.tableName;
  const findings: Finding[] = [];
  const recreate = `Create a new table with \`npm run setup\` (AUTH_DYNAMODB_TABLE=<new name>) and migrate the items; key schemas can't be changed in place.`;

  for (const [type, expected] of [
    ["HASH", schema.partitionKey],
    ["RANGE", schema.sortKey],
  ] as const) {
    const actual = keyName(table.KeySchema, type);
    const label = type === "HASH" ? "partition key" : "sort key";
    if (actual !== expected) {
      findings.push({
        level: "error",
        message: `Table ${t}: the ${label} is ${actual ? `"${actual}"` : "missing"}, expected "${expected}".`,
        fix: actual
          ? `Set ${type === "HASH" ? "AUTH_DYNAMODB_PARTITION_KEY" : "AUTH_DYNAMODB_SORT_KEY"}=${actual} if the adapter is configured that way; otherwise: ${recreate}`
          : recreate,
      });
    } else if (typeOf(table, expected) !== "S") {
      findings.push({ level: "error", message: `Table ${t}: the ${label} "${expected}" is not a string (S).`, fix: recreate });
    }
  }

  if (table.TableStatus && table.TableStatus !== "ACTIVE") {
    findings.push({ level: "warning", message: `Table ${t} is ${table.TableStatus}.`, fix: "Wait until DynamoDB reports it ACTIVE." });
  }

  const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === schema.indexName);
  if (!index) {
    findings.push({
      level: "error",
      message: `Table ${t} has no global secondary index "${schema.indexName}": lookups by email, session token and provider account cannot work.`,
      fix: `aws dynamodb update-table --table-name ${t} --attribute-definitions AttributeName=${schema.indexPartitionKey},AttributeType=S AttributeName=${schema.indexSortKey},AttributeType=S --global-secondary-index-updates '[{"Create":{"IndexName":"${schema.indexName}","KeySchema":[{"AttributeName":"${schema.indexPartitionKey}","KeyType":"HASH"},{"AttributeName":"${schema.indexSortKey}","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}}]'`,
    });
  } else {
    const hash = keyName(index.KeySchema, "HASH");
    const range = keyName(index.KeySchema, "RANGE");
    if (hash !== schema.indexPartitionKey || range !== schema.indexSortKey) {
      findings.push({
        level: "error",
        message: `Index ${schema.indexName} is keyed on ${hash ?? "?"}/${range ?? "?"}, expected ${schema.indexPartitionKey}/${schema.indexSortKey}.`,
        fix: `Set AUTH_DYNAMODB_INDEX_PARTITION_KEY=${hash ?? ""} and AUTH_DYNAMODB_INDEX_SORT_KEY=${range ?? ""} if the adapter is configured that way; otherwise delete and recreate the index.`,
      });
    }
    if (index.Projection?.ProjectionType !== "ALL") {
      findings.push({
        level: "error",
        message: `Index ${schema.indexName} projects ${index.Projection?.ProjectionType ?? "nothing"}, expected ALL: the adapter reads whole items from it.`,
        fix: "Delete the index and create it again with projection ALL (projections can't be changed in place).",
      });
    }
    if (index.IndexStatus && index.IndexStatus !== "ACTIVE") {
      findings.push({ level: "warning", message: `Index ${schema.indexName} is ${index.IndexStatus}.`, fix: "Wait until it is ACTIVE." });
    }
  }

  const ttlOn = ttl?.TimeToLiveStatus === "ENABLED" || ttl?.TimeToLiveStatus === "ENABLING";
  if (!ttlOn) {
    findings.push({
      level: "warning",
      message: `Table ${t}: TTL is ${(ttl?.TimeToLiveStatus ?? "DISABLED").toLowerCase()}, so expired sessions and sign-in tokens are never deleted.`,
      fix: `aws dynamodb update-time-to-live --table-name ${t} --time-to-live-specification Enabled=true,AttributeName=${TTL_ATTRIBUTE}`,
    });
  } else if (ttl?.AttributeName !== TTL_ATTRIBUTE) {
    findings.push({
      level: "warning",
      message: `Table ${t}: TTL is on attribute "${ttl?.AttributeName}", but the adapter writes "${TTL_ATTRIBUTE}".`,
      fix: `Disable TTL, then: aws dynamodb update-time-to-live --table-name ${t} --time-to-live-specification Enabled=true,AttributeName=${TTL_ATTRIBUTE}`,
    });
  }
  return findings;
}

export async function inspectTable(client: DynamoDB, schema: TableSchema): Promise<TableHealth> {
  let table: TableDescription | undefined;
  try {
    table = (await client.describeTable({ TableName: schema.tableName })).Table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (!table) {
    return {
      tableName: schema.tableName,
      exists: false,
      findings: [{ level: "error", message: `Table ${schema.tableName} does not exist.`, fix: "Run `npm run setup` to create it." }],
    };
  }
  const ttl = (await client.describeTimeToLive({ TableName: schema.tableName })).TimeToLiveDescription;
  const index = table.GlobalSecondaryIndexes?.find((i) => i.IndexName === schema.indexName);
  return {
    tableName: schema.tableName,
    exists: true,
    status: table.TableStatus,
    itemCount: table.ItemCount,
    sizeBytes: table.TableSizeBytes,
    billingMode: table.BillingModeSummary?.BillingMode ?? "PROVISIONED",
    index: { name: schema.indexName, status: index?.IndexStatus },
    ttl: { status: ttl?.TimeToLiveStatus ?? "DISABLED", attribute: ttl?.AttributeName },
    findings: diagnose(schema, table, ttl),
  };
}

/**
 * Creates the table when missing (with TTL, unless `ttl: false`), otherwise inspects it.
 * Setup-time only: the console never calls this.
 */
export async function ensureTable(client: DynamoDB, schema: TableSchema, options: { ttl?: boolean } = {}): Promise<{ created: boolean; health: TableHealth }> {
  const before = await inspectTable(client, schema);
  if (before.exists) return { created: false, health: before };
  await client.createTable(createTableInput(schema));
  for (let i = 0; i < 120; i++) {
    const { Table } = await client.describeTable({ TableName: schema.tableName });
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((x) => x.IndexStatus === "ACTIVE");
    if (Table?.TableStatus === "ACTIVE" && indexesActive) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (options.ttl !== false) {
    await client.updateTimeToLive({
      TableName: schema.tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
    });
  }
  return { created: true, health: await inspectTable(client, schema) };
}
