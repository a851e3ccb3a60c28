import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { type ConsoleServer, startConsoleServer } from "@/scripts/lib/console-server";
import { seedDemoData } from "@/scripts/lib/seed";
import { consoleEnv } from "@/test/support/dynamo";
import { ADMIN_DOMAIN, VIEWER_DOMAIN } from "./support/environments";

/**
 * A console of this spec's own with a read budget of 1 read unit an hour: the first doctor
 * run spends it, and the next one is refused on the page with when to retry. An hour, so that
 * the spend still weighs far over the budget however long the spec takes (a minute-long fixed
 * window once rolled over between the two runs).
 */
const suffix = randomUUID().slice(0, 8);
const product = {
  tableName: `limits-auth-${suffix}`,
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
};
const gatehouse = { ...product, tableName: `limits-gatehouse-${suffix}` };
let server: ConsoleServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT!;
  const clients = createDynamoClients({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await ensureTable(clients.raw, product, { ttl: false });
  await ensureTable(clients.raw, gatehouse);
  await seedDemoData(clients.doc, product, { users: 20, seed: 11 });
  server = await startConsoleServer({
    ...consoleEnv(endpoint, product, gatehouse.tableName),
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    GATEHOUSE_ADMINS: `@${ADMIN_DOMAIN}`,
    GATEHOUSE_VIEWERS: `@${VIEWER_DOMAIN}`,
    // No AUTH_EMAIL_SERVER: the console prints sign-in links to its own output, which this spec reads.
    GATEHOUSE_RATE_LIMITS: "read-units=1/1h,signin-email=off,signin-ip=off",
  });
});
test.afterAll(() => server?.stop());

test("over the read budget, the doctor page says so and when to retry; the last result stays shown", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const email = `viewer-${randomUUID().slice(0, 8)}@${VIEWER_DOMAIN}`;
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
  let link: string | undefined;
  await expect
    .poll(() => (link = server.output().match(new RegExp(`sign-in link for ${email.replace(".", "\\.")}[^\\n]*\\n\\s*└ (\\S+)`))?.[1]), { timeout: 15_000 })
    .toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId("operator-role")).toHaveText("viewer");

  await page.goto("/doctor");
  await expect(page.getByText("The doctor has not run on this table yet.")).toBeVisible();
  await page.getByRole("button", { name: "Run the doctor" }).click();
  await expect(page.getByTestId("doctor-last-run")).toContainText(`by ${email}`, { timeout: 30_000 });
  // A visit shows the kept result without reading the table again.
  await page.reload();
  await expect(page.getByTestId("doctor-last-run")).toContainText(`by ${email}`);

  await page.getByRole("button", { name: "Run the doctor" }).click();
  const refusal = page.getByTestId("doctor-run-error");
  await expect(refusal).toContainText(/You have used your read budget \(1 read unit per hour.*\); try again in \d+ (minutes|seconds?)\./);
  await expect(page.getByTestId("doctor-last-run")).toContainText(`by ${email}`);

  // The page lists are charged too: over the budget, /sessions and /users say so in place of
  // their tables, with Try again, instead of reading up to 50,000 items uncharged.
  for (const [path, title] of [
    ["/sessions", "The sessions list was not read"],
    ["/users", "The users list was not read"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(title)).toBeVisible();
    await expect(page.getByText(/You have used your read budget \(1 read unit per hour/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
    await expect(page.locator("table")).toHaveCount(0);
  }
  await context.close();
});
