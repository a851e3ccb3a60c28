import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { freePort, startDynamoLocal } from "@/scripts/lib/dynamodb-local";
import { seedDemoData } from "@/scripts/lib/seed";
import { ADMIN_DOMAIN, SEED, VIEWER_DOMAIN, baseUrlVariable, environments, type EnvironmentName } from "./support/environments";
import { startMailCatcher } from "./support/mail-catcher";

const root = path.resolve(import.meta.dirname, "..");

async function waitForHealth(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The console exited (${server.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The console at ${url} did not become healthy:\n${output()}`);
}

/**
 * Starts everything the e2e suite needs, on free loopback ports: DynamoDB Local (in memory),
 * an SMTP catcher, and one standalone console per schema, each with seeded tables.
 * Values reach the workers through process.env.
 */
export default async function globalSetup(_config: FullConfig) {
  const dynamo = await startDynamoLocal();
  const mail = await startMailCatcher();
  const clients = createDynamoClients({ endpoint: dynamo.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const servers: ChildProcess[] = [];
  process.env.E2E_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.E2E_MAIL_API = mail.apiUrl;
  process.env.E2E_SEED_NOW = String(Date.now());

  for (const name of Object.keys(environments) as EnvironmentName[]) {
    const { product, gatehouseTable } = environments[name];
    // DynamoDB Local's TTL really deletes expired items within seconds; on AWS they wait hours to
    // days. The browse specs look at expired items, so their product tables run without TTL.
    await ensureTable(clients.raw, product, { ttl: name === "act" });
    await ensureTable(clients.raw, { tableName: gatehouseTable, partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" });
    await seedDemoData(clients.doc, product, { ...SEED, now: Number(process.env.E2E_SEED_NOW) });

    const port = await freePort();
    let output = "";
    const server = spawn(process.execPath, [path.join(root, ".next/standalone/server.js")], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        AUTH_SECRET: randomBytes(33).toString("base64url"),
        AUTH_DYNAMODB_ENDPOINT: dynamo.endpoint,
        AUTH_DYNAMODB_ID: "local",
        AUTH_DYNAMODB_SECRET: "local",
        AUTH_DYNAMODB_REGION: "us-east-1",
        AUTH_DYNAMODB_TABLE: product.tableName,
        AUTH_DYNAMODB_PARTITION_KEY: product.partitionKey,
        AUTH_DYNAMODB_SORT_KEY: product.sortKey,
        AUTH_DYNAMODB_INDEX_NAME: product.indexName,
        AUTH_DYNAMODB_INDEX_PARTITION_KEY: product.indexPartitionKey,
        AUTH_DYNAMODB_INDEX_SORT_KEY: product.indexSortKey,
        GATEHOUSE_TABLE: gatehouseTable,
        GATEHOUSE_ADMINS: `@${ADMIN_DOMAIN}`,
        GATEHOUSE_VIEWERS: `@${VIEWER_DOMAIN}`,
        AUTH_EMAIL_SERVER: mail.smtpUrl,
        AUTH_EMAIL_FROM: "Gatehouse <gatehouse@e2e.test>",
      },
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    server.stdout!.on("data", collect);
    server.stderr!.on("data", collect);
    servers.push(server);
    const url = `http://localhost:${port}`;
    await waitForHealth(url, server, () => output);
    // Warm the server up (route modules, Auth.js, the first DynamoDB calls) before any test times it.
    for (const path of ["/signin", "/api/auth/providers", "/api/auth/csrf"]) await fetch(`${url}${path}`).catch(() => undefined);
    process.env[baseUrlVariable(name)] = url;
    process.env[`E2E_SERVER_LOG_${name.toUpperCase()}`] = "";
  }

  return async () => {
    for (const server of servers) server.kill("SIGTERM");
    await mail.stop();
    await dynamo.stop();
  };
}
