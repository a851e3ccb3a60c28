import { randomBytes } from "node:crypto";
import type { TableSchema } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { startConsoleServer } from "@/scripts/lib/console-server";
import { consoleEnv, testSchema } from "@/test/support/dynamo";
import { ADMIN_DOMAIN, VIEWER_DOMAIN } from "./environments";

/** The environment of an e2e console: the suite's DynamoDB Local and SMTP catcher, the e2e allow-lists. */
export function e2eConsoleEnv(endpoint: string, smtpUrl: string, product: TableSchema, gatehouseTable: string, overrides: Record<string, string> = {}) {
  return {
    ...consoleEnv(endpoint, product, gatehouseTable),
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    AUTH_DYNAMODB_REGION: "us-east-1",
    GATEHOUSE_ADMINS: `@${ADMIN_DOMAIN}`,
    GATEHOUSE_VIEWERS: `@${VIEWER_DOMAIN}`,
    AUTH_EMAIL_SERVER: smtpUrl,
    AUTH_EMAIL_FROM: "Gatehouse <gatehouse@e2e.test>",
    ...overrides,
  };
}

/**
 * Fresh, empty tables and `count` consoles on them (sharing one AUTH_SECRET), for a spec that
 * needs settings of its own; `stream`: the product table's stream on, as `npm run setup` makes it
 * (activity). Stop them in afterAll.
 */
export async function startSpecConsoles(label: string, overrides: Record<string, string> = {}, count = 1, options: { stream?: boolean } = {}) {
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT!;
  const product = testSchema(`${label}-auth`);
  const gatehouse = testSchema(`${label}-gatehouse`);
  const clients = createDynamoClients({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await ensureTable(clients.raw, product, { stream: options.stream });
  await ensureTable(clients.raw, gatehouse);
  const env = e2eConsoleEnv(endpoint, process.env.E2E_MAIL_SMTP!, product, gatehouse.tableName, overrides);
  const servers = await Promise.all(Array.from({ length: count }, () => startConsoleServer(env)));
  return {
    servers,
    product,
    gatehouse,
    doc: clients.doc,
    stop: () => {
      for (const s of servers) s.stop();
    },
  };
}
