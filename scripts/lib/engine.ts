import "./load-env";
import path from "node:path";
import { ConfigError, type DynamoConfig, dynamoConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { startDynamoLocal } from "./dynamodb-local";

export type Clients = ReturnType<typeof createDynamoClients>;

export function embeddedDataDir(config: DynamoConfig) {
  return path.resolve(config.dataDir, "dynamodb");
}

/** Runs `work` against the configured table; on the embedded default, starts the engine for it first. */
export async function withEngine<T>(work: (clients: Clients, config: DynamoConfig) => Promise<T>): Promise<T> {
  const config = dynamoConfig();
  if (config.endpoint) return work(createDynamoClients(config), config);
  if (config.engine !== "embedded") return work(createDynamoClients(config), config);
  const engine = await startDynamoLocal({ dataDir: embeddedDataDir(config) });
  try {
    const local = { ...config, endpoint: engine.endpoint };
    return await work(createDynamoClients(local), local);
  } finally {
    await engine.stop();
  }
}

/** Prints a configuration error the way every script does, and exits non-zero. */
// biome-ignore lint/suspicious/noConfusingVoidType: a script's main may end without a return (void), or return its exit code.
export async function runScript(main: () => Promise<number | void>) {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}
