import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";

/** The document client the product gives its adapter; the guard uses only these methods. */
export type GuardClient = Pick<DynamoDBDocument, "get" | "put" | "update" | "query">;

export interface GuardLogger {
  error(message: string, error?: unknown): void;
  /** Misuse the guard corrected (once per kind). Absent: console.warn. */
  warn?(message: string): void;
}

/** The second argument of `withGatehouse`: the adapter's options plus the guard's own. */
export interface GatehouseOptions {
  client: GuardClient;
  /** Names this product in the heartbeat Gatehouse shows ("Guard active: my-app"). */
  appName: string;
  tableName?: string;
  partitionKey?: string;
  sortKey?: string;
  indexName?: string;
  indexPartitionKey?: string;
  indexSortKey?: string;
  /** How long one read of a user's standing serves JWT session reads on this instance. Default 30; 0 reads every time. */
  cacheSeconds?: number;
  /** When DynamoDB can't be read: false lets the user through (default), true refuses. */
  failClosed?: boolean;
  /** Gives up on one DynamoDB call after this long and treats it as unreachable. Default 3000. */
  timeoutMs?: number;
  /** Where the guard reports DynamoDB failures (at most once a minute) and, with `warn`, misuse it corrected (once). Default: console.error, console.warn. */
  logger?: GuardLogger;
}

export interface ResolvedOptions {
  client: GuardClient;
  appName: string;
  tableName: string;
  partitionKey: string;
  sortKey: string;
  indexName: string;
  indexPartitionKey: string;
  indexSortKey: string;
  cacheMs: number;
  failClosed: boolean;
  timeoutMs: number;
  logger: Required<GuardLogger>;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new TypeError(`gatehouse-guard: ${name} must be a number of 0 or more, got ${String(value)}`);
  return value;
}

/** Defaults are the adapter's own, so `{ client, ...adapterOptions, appName }` points at the same table. */
export function resolveOptions(options: GatehouseOptions): ResolvedOptions {
  const logger = options.logger;
  if (!options || typeof options !== "object")
    throw new TypeError("gatehouse-guard: withGatehouse(config, options) needs options: { client, appName, ...adapter options }");
  const { client } = options;
  if (
    !client ||
    typeof client.get !== "function" ||
    typeof client.update !== "function" ||
    typeof client.put !== "function" ||
    typeof client.query !== "function"
  ) {
    throw new TypeError("gatehouse-guard: options.client must be the DynamoDBDocument given to DynamoDBAdapter");
  }
  if (typeof options.appName !== "string" || !options.appName.trim())
    throw new TypeError('gatehouse-guard: options.appName must name this product, e.g. "my-app"');
  return {
    client,
    appName: options.appName.trim(),
    tableName: options.tableName ?? "next-auth",
    partitionKey: options.partitionKey ?? "pk",
    sortKey: options.sortKey ?? "sk",
    indexName: options.indexName ?? "GSI1",
    indexPartitionKey: options.indexPartitionKey ?? "GSI1PK",
    indexSortKey: options.indexSortKey ?? "GSI1SK",
    cacheMs: nonNegative("cacheSeconds", options.cacheSeconds, 30) * 1000,
    failClosed: options.failClosed === true,
    timeoutMs: nonNegative("timeoutMs", options.timeoutMs, 3000),
    logger: {
      error: logger ? (message, error) => logger.error(message, error) : (message, error) => console.error(message, error),
      warn: logger?.warn ? (message) => logger.warn?.(message) : (message) => console.warn(message),
    },
  };
}
