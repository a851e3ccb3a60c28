import { randomUUID } from "node:crypto";
import os from "node:os";
import { DynamoDBStreams } from "@aws-sdk/client-dynamodb-streams";
import { ConfigError, serverConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { parseActivityConfig } from "./config";
import type { ConsumerStatus } from "./consumer-status";
import { type Poller, startPoller } from "./poller";

/** On globalThis: instrumentation and the pages are separate bundles of one server process, and the poller is one per process. */
const KEY = Symbol.for("gatehouse.activity-poller");
const slot = globalThis as typeof globalThis & { [KEY]?: Poller };

/**
 * Starts the in-process stream consumer once per process when GATEHOUSE_ACTIVITY is `poll` (at
 * server start, from instrumentation). Its DynamoDB clients are its own, outside the console's
 * breaker: the poller backs off by itself through an outage, and its failures neither open the
 * breaker nor wait on it.
 */
export function startActivityPoller(): Poller | undefined {
  const config = serverConfig().dynamo;
  // settings.ts's activitySettings, without its server-only imports (see lib/dynamo/lease.ts).
  const { mode, retentionDays, shards } = parseActivityConfig(process.env, config.engine);
  if (mode !== "poll") return undefined;
  if (slot[KEY]) return slot[KEY];
  const clients = createDynamoClients(config);
  const streams = new DynamoDBStreams({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 20_000 },
  });
  slot[KEY] = startPoller({
    product: config.product,
    store: { doc: clients.doc, schema: config.gatehouse, retentionDays, shards },
    tables: clients.raw,
    streams,
    holder: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  });
  return slot[KEY];
}

/** At server start: a bad GATEHOUSE_ACTIVITY* variable stops the server with its message, as checkConfigOrExit does for the rest. */
export function startActivityPollerOrExit(): void {
  try {
    startActivityPoller();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Whether the product table has a stream, as this process's poller last saw it ("unknown" without one). */
export function pollerStream(): ConsumerStatus["stream"] {
  return slot[KEY]?.stream() ?? "unknown";
}
