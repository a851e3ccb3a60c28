import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDynamoClients } from "@/lib/dynamo/client";
import { type DynamoLocal, startDynamoLocal } from "@/scripts/lib/dynamodb-local";

/**
 * Waits until the console's breaker closes again after a restart (its probe runs every few
 * seconds), for at most a minute: an endless wait would keep the test file's process alive after
 * its test has ended (an outage test once hung CI that way).
 */
export async function untilDynamoAnswers(isDown: () => boolean, limitMs = 60_000): Promise<void> {
  for (const started = Date.now(); isDown(); ) {
    if (Date.now() - started > limitMs) throw new Error(`DynamoDB was still unreachable ${limitMs / 1000} s after its restart`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * DynamoDB Local of an outage test's own: on disk (in memory when /dev/shm exists), so stopping
 * it mid-action and starting it again on the same port finds the table as the outage left it.
 */
export function outageEngine(label: string) {
  const dataDir = mkdtempSync(path.join(existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), `gatehouse-${label}-`));
  let engine: DynamoLocal | undefined;
  const current = () => {
    if (!engine) throw new Error("the outage engine is not started");
    return engine;
  };
  return {
    start: async () => (engine = await startDynamoLocal({ dataDir })),
    /** Stops DynamoDB: the outage. */
    stop: () => current().stop(),
    /** Back on the same port, with the same data. */
    restart: async () => (engine = await startDynamoLocal({ port: current().port, dataDir })),
    get endpoint() {
      return current().endpoint;
    },
    /** Clients of the test's own (not the console's), for setting up and checking. */
    clients: () => createDynamoClients({ endpoint: current().endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }),
    dispose: async () => {
      await engine?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
