import { randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { type BrowserContext, expect, test } from "@playwright/test";
import type { TableSchema } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { type ConsoleServer, startConsoleServer } from "@/scripts/lib/console-server";
import { freePort } from "@/scripts/lib/dynamodb-local";
import { signInWithSso, startIdentityProvider } from "./support/identity-provider";
import { operatorEmail } from "./support/operators";
import { e2eConsoleEnv } from "./support/spec-console";

// One identity provider and one console for the whole file, in one worker.
test.describe.configure({ mode: "default" });

const suffix = randomUUID().slice(0, 8);
const schema = (tableName: string): TableSchema => ({
  tableName,
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
});
const product = schema(`sso-auth-${suffix}`);
const gatehouse = schema(`sso-gatehouse-${suffix}`);

let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
let server: ConsoleServer;
const clients = () =>
  createDynamoClients({ endpoint: process.env.E2E_DYNAMODB_ENDPOINT, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

test.beforeAll(async () => {
  const port = await freePort();
  const consoleUrl = `http://localhost:${port}`;
  idp = await startIdentityProvider(`${consoleUrl}/api/auth/callback/sso`);
  const { raw } = clients();
  await ensureTable(raw, product);
  await ensureTable(raw, gatehouse);
  server = await startConsoleServer(
    {
      ...e2eConsoleEnv(process.env.E2E_DYNAMODB_ENDPOINT!, process.env.E2E_MAIL_SMTP!, product, gatehouse.tableName),
      GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off",
      AUTH_OIDC_ISSUER: idp.issuer,
      AUTH_OIDC_ID: idp.clientId,
      AUTH_OIDC_SECRET: idp.clientSecret,
    },
    { port },
  );
});

test.afterAll(async () => {
  server?.stop();
  await idp?.stop();
});

/** Every Gatehouse-table item that mentions the address. */
async function itemsFor(email: string) {
  const { doc } = clients();
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.scan({ TableName: gatehouse.tableName, ExclusiveStartKey: start });
    found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).toLowerCase().includes(email.toLowerCase())));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

async function sessionItems() {
  const { doc } = clients();
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.scan({
      TableName: gatehouse.tableName,
      FilterExpression: "#type = :session",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: { ":session": "SESSION" },
      ExclusiveStartKey: start,
    });
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

const sessionCookie = async (context: BrowserContext) => (await context.cookies(server.url)).find((c) => c.name.endsWith("authjs.session-token"));

/**
 * Refused: no session cookie and no Auth.js item (user, account, session; this file's tests
 * run one after another, so the session count is theirs alone), and an audit entry.
 */
async function expectRefused(context: BrowserContext, email: string, sessionsBefore: number) {
  expect(await sessionCookie(context)).toBeUndefined();
  expect(await DynamoDBAdapter(clients().doc, gatehouse).getUserByEmail!(email)).toBeNull();
  expect(await sessionItems()).toBe(sessionsBefore);
  await expect.poll(async () => (await itemsFor(email)).map((i) => [i.type, i.action, i.result])).toContainEqual(["AUDIT", "sign-in-refused", "refused"]);
  expect((await itemsFor(email)).filter((i) => i.type !== "AUDIT")).toEqual([]);
}

test("an allow-listed admin with a verified email signs in with SSO and lands on the overview", async ({ page, context }) => {
  const email = operatorEmail("admin");
  idp.identity(email, { email, emailVerified: true });
  await signInWithSso(page, server.url, email);
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("operator-role")).toHaveText("admin");
  const cookie = await sessionCookie(context);
  expect(await DynamoDBAdapter(clients().doc, gatehouse).getSessionAndUser!(cookie!.value)).toMatchObject({ user: { email } });
  expect((await itemsFor(email)).map((i) => i.type)).toEqual(expect.arrayContaining(["USER", "oidc", "AUDIT"]));
});

test("an admin address the IdP has not verified is refused, with the reason and nothing written", async ({ page, context }) => {
  const email = operatorEmail("admin");
  idp.identity(email, { email, emailVerified: false });
  const sessions = await sessionItems();
  await signInWithSso(page, server.url, email);
  await expect(page.getByRole("heading", { name: "Email address not verified" })).toBeVisible();
  await expect(page.getByText("Your identity provider has not verified this email address")).toBeVisible();
  expect(page.url()).not.toContain(encodeURIComponent(email));
  await expectRefused(context, email, sessions);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/signin$/);
});

test("an admin address without email_verified is refused too", async ({ page, context }) => {
  const email = operatorEmail("admin");
  idp.identity(email, { email });
  const sessions = await sessionItems();
  await signInWithSso(page, server.url, email);
  await expect(page.getByText("Your identity provider has not verified this email address")).toBeVisible();
  await expectRefused(context, email, sessions);
});

test("a verified address outside the allow-lists is refused", async ({ page, context }) => {
  const email = operatorEmail("stranger");
  idp.identity(email, { email, emailVerified: true });
  const sessions = await sessionItems();
  await signInWithSso(page, server.url, email);
  // Which page says so is the sign-in pages' business (issue 10, section 2); here: not in.
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Overview" })).toHaveCount(0);
  await expectRefused(context, email, sessions);
});

test("a viewer signs in with SSO and gets the viewer role", async ({ page }) => {
  const email = operatorEmail("viewer");
  idp.identity(email, { email, emailVerified: true });
  await signInWithSso(page, server.url, email);
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByTestId("operator-role")).toHaveText("viewer");
});

test("the sign-in error page shows only its own messages, never the URL's text", async ({ page }) => {
  for (const error of ["constructor", "__proto__", "<b>Your identity provider says hi</b>"]) {
    await page.goto(`${server.url}/signin/error?error=${encodeURIComponent(error)}`);
    await expect(page.getByRole("heading", { name: "Sign-in did not complete" })).toBeVisible();
    await expect(page.getByText("says hi")).toHaveCount(0);
  }
});
