import type { FullConfig } from "@playwright/test";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { type ConsoleServer, startConsoleServer } from "@/scripts/lib/console-server";
import { startDynamoLocal } from "@/scripts/lib/dynamodb-local";
import { startMailCatcher } from "@/scripts/lib/mail-catcher";
import { seedDemoData } from "@/scripts/lib/seed";
import { baseUrlVariable, type EnvironmentName, environments, SEED } from "./support/environments";
import { e2eConsoleEnv } from "./support/spec-console";

/**
 * Starts everything the e2e suite needs, on free loopback ports: DynamoDB Local (in memory),
 * an SMTP catcher, and one standalone console per schema, each with seeded tables.
 * Values reach the workers through process.env.
 */
export default async function globalSetup(_config: FullConfig) {
  const dynamo = await startDynamoLocal();
  const mail = await startMailCatcher();
  const clients = createDynamoClients({ endpoint: dynamo.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const servers: ConsoleServer[] = [];
  process.env.E2E_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.E2E_MAIL_API = mail.apiUrl;
  process.env.E2E_MAIL_SMTP = mail.smtpUrl;
  process.env.E2E_SEED_NOW = String(Date.now());

  for (const name of Object.keys(environments) as EnvironmentName[]) {
    const { product, gatehouseTable } = environments[name];
    // DynamoDB Local's TTL really deletes expired items within seconds; on AWS they wait hours to
    // days. The browse specs look at expired items, so their product tables run without TTL.
    await ensureTable(clients.raw, product, { ttl: name === "act" });
    await ensureTable(clients.raw, {
      tableName: gatehouseTable,
      partitionKey: "pk",
      sortKey: "sk",
      indexName: "GSI1",
      indexPartitionKey: "GSI1PK",
      indexSortKey: "GSI1SK",
    });
    await seedDemoData(clients.doc, product, { ...SEED, now: Number(process.env.E2E_SEED_NOW) });

    const server = await startConsoleServer(
      // Every spec signs in from 127.0.0.1; the sign-in limits have a console of their own.
      e2eConsoleEnv(dynamo.endpoint, mail.smtpUrl, product, gatehouseTable, { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" }),
    );
    servers.push(server);
    const { url } = server;
    // Warm the server up (route modules, Auth.js, the first DynamoDB calls) before any test times it.
    for (const path of ["/signin", "/api/auth/providers", "/api/auth/csrf"]) await fetch(`${url}${path}`).catch(() => undefined);
    process.env[baseUrlVariable(name)] = url;
    process.env[`E2E_SERVER_LOG_${name.toUpperCase()}`] = "";
  }

  return async () => {
    for (const server of servers) server.stop();
    await mail.stop();
    await dynamo.stop();
  };
}
