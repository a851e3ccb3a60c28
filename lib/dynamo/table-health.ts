import { type DynamoDB, ResourceNotFoundException, type TableDescription, type TimeToLiveDescription } from "@aws-sdk/client-dynamodb";
import type { TableSchema } from "@/lib/config";

export const TTL_ATTRIBUTE = "expires";

/** Activity reads the product table's stream and needs both images: what an item was and what it became. */
export const STREAM_VIEW_TYPE = "NEW_AND_OLD_IMAGES";

export interface Finding {
  level: "error" | "warning";
  message: string;
  fix: string;
  /** Background for the fix (what it costs, what it changes), printed under it. */
  note?: string;
  /** Matters only to the activity pages: not a problem while GATEHOUSE_ACTIVITY=off. */
  scope?: "activity";
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
  /** Only for the product table, whose stream activity reads. */
  stream?: { enabled: boolean; viewType?: string };
  findings: Finding[];
}

/** Whether a table's stream is checked: the product table's is read by activity; Gatehouse's own needs none. */
export interface StreamCheck {
  stream?: boolean;
}

/** The one command that turns the stream on (`npm run setup -- --enable-streams` makes the same call). */
export function enableStreamCommand(tableName: string) {
  return `aws dynamodb update-table --table-name ${tableName} --stream-specification StreamEnabled=true,StreamViewType=${STREAM_VIEW_TYPE}`;
}

/** AWS's pricing for DynamoDB Streams, as printed beside the command (us-east-1 prices; other regions differ a little). */
export const STREAM_COST_NOTE =
  "Turning the stream on is free and does not slow writes. Its records are kept 24 hours, then dropped: a reader stopped longer misses them. " +
  "GetRecords calls made by a Lambda trigger (GATEHOUSE_ACTIVITY=lambda) are free; any other reader, such as the console's poller " +
  "(GATEHOUSE_ACTIVITY=poll), pays per streams read request unit (one per GetRecords call, up to 1 MB each): $0.02 per 100,000 " +
  "in us-east-1 after the first 2.5 million a month of the AWS Free Tier. Polling one shard once a second is about 2.6 million calls a month, about $0.50.";

/**
 * The table the adapter docs describe: pk/sk strings, GSI1 (projection ALL), on-demand; with
 * `stream`, a stream of new and old images (the product table, for activity).
 */
export function createTableInput(schema: TableSchema, options: StreamCheck = {}) {
  return {
    ...(options.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE } as const } : {}),
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
export function diagnose(schema: TableSchema, table: TableDescription, ttl: TimeToLiveDescription | undefined, options: StreamCheck = {}): Finding[] {
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
  if (options.stream) findings.push(...diagnoseStream(t, table));
  return findings;
}

/** Warnings, not errors: sign-in works without a stream; only the activity pages stay empty. */
function diagnoseStream(t: string, table: TableDescription): Finding[] {
  const spec = table.StreamSpecification;
  if (!spec?.StreamEnabled) {
    return [
      {
        level: "warning",
        scope: "activity",
        message: `Table ${t} has no stream: the activity pages (sign-ups, sessions, active users) stay empty, because activity is read from this table's DynamoDB stream.`,
        fix: `${enableStreamCommand(t)}   (or: npm run setup -- --enable-streams)`,
        note: STREAM_COST_NOTE,
      },
    ];
  }
  if (spec.StreamViewType === STREAM_VIEW_TYPE) return [];
  return [
    {
      level: "warning",
      scope: "activity",
      message: `Table ${t}'s stream carries ${spec.StreamViewType ?? "no images"}; activity needs ${STREAM_VIEW_TYPE} (what an item was and what it became), so the activity pages stay empty.`,
      fix: `A stream's view type can't be changed in place: disable it, then enable it again. First check nothing else reads this stream. aws dynamodb update-table --table-name ${t} --stream-specification StreamEnabled=false; then, once the table is ACTIVE again: ${enableStreamCommand(t)}`,
      note: "The new stream has a new ARN: point the Lambda's event source mapping at it (infra/activity-lambda.json). The old stream's records stay readable for 24 hours.",
    },
  ];
}

export async function inspectTable(client: DynamoDB, schema: TableSchema, options: StreamCheck = {}): Promise<TableHealth> {
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
    ...(options.stream ? { stream: { enabled: table.StreamSpecification?.StreamEnabled === true, viewType: table.StreamSpecification?.StreamViewType } } : {}),
    findings: diagnose(schema, table, ttl, options),
  };
}

async function waitUntilActive(client: DynamoDB, tableName: string) {
  for (let i = 0; i < 120; i++) {
    const { Table } = await client.describeTable({ TableName: tableName });
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((x) => x.IndexStatus === "ACTIVE");
    if (Table?.TableStatus === "ACTIVE" && indexesActive) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Creates the table when missing (with TTL, unless `ttl: false`; with a stream when `stream`),
 * otherwise inspects it. Setup-time only: the console never calls this.
 */
export async function ensureTable(
  client: DynamoDB,
  schema: TableSchema,
  options: { ttl?: boolean } & StreamCheck = {},
): Promise<{ created: boolean; health: TableHealth }> {
  const check = { stream: options.stream };
  const before = await inspectTable(client, schema, check);
  if (before.exists) return { created: false, health: before };
  await client.createTable(createTableInput(schema, check));
  await waitUntilActive(client, schema.tableName);
  if (options.ttl !== false) {
    await client.updateTimeToLive({
      TableName: schema.tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE },
    });
  }
  return { created: true, health: await inspectTable(client, schema, check) };
}

/**
 * Turns on the stream of an existing table that has none (`npm run setup -- --enable-streams`):
 * the UpdateTable call `enableStreamCommand` prints. Setup-time only, like ensureTable.
 */
export async function enableStream(client: DynamoDB, schema: TableSchema): Promise<TableHealth> {
  await client.updateTable({ TableName: schema.tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE } });
  await waitUntilActive(client, schema.tableName);
  return inspectTable(client, schema, { stream: true });
}
