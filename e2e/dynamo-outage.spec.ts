import { randomBytes, randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, test } from "@playwright/test";
import type { AdapterSession } from "next-auth/adapters";
import { consoleMark } from "@/lib/auth/console-mark";
import { ensureTable } from "@/lib/dynamo/table-health";
import { adapterItems, type StoredItem, writeItems } from "@/scripts/lib/adapter-items";
import { type ConsoleServer, startConsoleServer } from "@/scripts/lib/console-server";
import { consoleEnv, testSchema } from "@/test/support/dynamo";
import { outageEngine } from "@/test/support/outage-engine";

/**
 * DynamoDB Local stops while the console is up, then comes back on the same port with its data
 * (kept on disk, which makes it slow to fill: ~50 items/s, so the data is small). Its own engine
 * and console: stopping the shared ones would break every other spec. A purge interrupted by the
 * outage is tested at the DAL level (lib/features/purge/outage.test.ts), where steps can be small.
 */
test.describe.configure({ mode: "serial" });

const product = testSchema("outage-product");
const gatehouse = testSchema("outage-gatehouse");
const EXPIRED = 30;
const LIVE = 20;
const engine = outageEngine("outage");
let server: ConsoleServer;
let cookie: { name: string; value: string };
const local = engine.clients;

async function countSessions() {
  const { doc } = local();
  let live = 0;
  let expired = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.scan({ TableName: product.tableName, ExclusiveStartKey: start, ProjectionExpression: "sk, expires" });
    for (const item of page.Items ?? []) {
      if (!String(item.sk).startsWith("SESSION#")) continue;
      if (Number(item.expires) * 1000 < Date.now()) expired++;
      else live++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { live, expired };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await engine.start();
  const { raw, doc } = local();
  await ensureTable(raw, product, { ttl: false });
  await ensureTable(raw, gatehouse);
  const build = adapterItems(product);
  const userId = randomUUID();
  const items: StoredItem[] = [build.user(userId, { email: "owner@example.test", name: "Session Owner", emailVerified: new Date() })];
  for (let i = 0; i < LIVE; i++) items.push(build.session(userId, { sessionToken: randomUUID(), expires: new Date(Date.now() + 86_400_000) }));
  for (let i = 0; i < EXPIRED; i++) items.push(build.session(userId, { sessionToken: randomUUID(), expires: new Date(Date.now() - 3_600_000 - i) }));
  await writeItems(doc, product.tableName, items, { concurrency: 8 });

  const operators = DynamoDBAdapter(doc, gatehouse);
  const operator = await operators.createUser!({ id: "", email: "outage@ops.test", emailVerified: new Date(), name: "Outage Admin" });
  const sessionToken = randomUUID();
  // A console session as Gatehouse writes one: it carries the mark, or the console refuses it.
  const secret = randomBytes(33).toString("base64url");
  const now = Date.now();
  await operators.createSession!({
    sessionToken,
    userId: operator.id,
    expires: new Date(now + 3_600_000),
    ...{ gatehouseConsole: consoleMark(secret, sessionToken), signedInAt: now, lastUsedAt: now, clientIp: "127.0.0.1", userAgent: "e2e" },
  } as AdapterSession);
  cookie = { name: "authjs.session-token", value: sessionToken };

  server = await startConsoleServer({
    ...consoleEnv(engine.endpoint, product, gatehouse.tableName),
    AUTH_SECRET: secret,
    AUTH_DYNAMODB_REGION: "us-east-1",
    AUTH_EMAIL_SERVER: "",
    GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off,read-units=off",
  });
});

test.afterAll(async () => {
  server?.stop();
  await engine.dispose();
});

const get = (route: string) => fetch(`${server.url}${route}`, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: "manual" });
const STACK = /\bat [\w.<>]+ \(|\.(?:js|ts|tsx):\d+:\d+|node_modules/;

test("pages answer 503 'DynamoDB is unreachable' while it is down, /api/health too, and the console recovers without a restart, with nothing lost", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  expect(await countSessions()).toEqual({ live: LIVE, expired: EXPIRED });
  await context.addCookies([{ ...cookie, url: server.url }]);
  await page.goto(`${server.url}/sessions`);
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  await engine.stop();

  // The first request to find DynamoDB gone renders the error boundary, with the same words;
  // from then on the proxy answers a 503 without touching DynamoDB.
  await page.goto(`${server.url}/users`);
  await expect(page.getByRole("heading", { name: "DynamoDB is unreachable" })).toBeVisible();
  expect(await page.content()).not.toMatch(STACK);
  const response = await get("/users");
  const body = await response.text();
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(body).toContain("DynamoDB is unreachable");
  expect(body).not.toMatch(STACK);
  expect((await get("/sessions")).status).toBe(503);
  expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
  expect((await page.goto(`${server.url}/users`))!.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "DynamoDB is unreachable" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("outage-503.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: test.info().outputPath("outage-503-dark.png") });

  // DynamoDB Local comes back on the same port with the same data folder; the console was not restarted.
  await engine.restart();
  await expect.poll(async () => (await fetch(`${server.url}/api/health`)).status, { timeout: 30_000, intervals: [500] }).toBe(200);
  expect((await get("/users")).status).toBe(200);
  // The 503 page reloads itself (and may be doing so right now): it comes back as the page it stood for.
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible({ timeout: 30_000 });
  expect(await countSessions()).toEqual({ live: LIVE, expired: EXPIRED });
});
