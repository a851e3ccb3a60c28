import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { freePort } from "@/scripts/lib/dynamodb-local";
import { createApiKeyInConsole } from "./support/api-key";
import { expectNoViolations } from "./support/axe-audit";
import { startIdentityProvider } from "./support/identity-provider";
import { mailTo, signIn } from "./support/operators";
import { installGuardInProductApp, type ProductApp, startProductApp } from "./support/product-app";
import { themedScreenshots } from "./support/screenshots";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Issue 21 end to end: a real product (e2e/product-app with the packed guard, database sessions)
 * on a table whose stream is on, and a console reading that stream in-process
 * (GATEHOUSE_ACTIVITY=poll). What the product's user does shows on /activity, on the user page and
 * on the overview within seconds; what the operator does shows as Gatehouse's. Waits are on what
 * the page says (reloaded until it says it, with a deadline), never on a clock.
 */
test.describe.configure({ mode: "default" });

interface World {
  product: ProductApp;
  consoleUrl: string;
  operator: Page;
  consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
  stop: () => Promise<void>;
}

let world: World;

async function startWorld(browser: Browser): Promise<World> {
  const consoles = await startSpecConsoles("activity", { GATEHOUSE_ACTIVITY: "poll", GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" }, 1, {
    stream: true,
  });
  const port = await freePort();
  const idp = await startIdentityProvider(`http://127.0.0.1:${port}/auth/callback/sso`);
  const product = await startProductApp({ port, strategy: "database", appName: "activity-e2e", table: consoles.product, oidc: idp }).catch(async (error) => {
    consoles.stop();
    await idp.stop();
    throw error;
  });
  const consoleUrl = consoles.servers[0].url;
  const context = await browser.newContext({ baseURL: consoleUrl });
  const operator = await context.newPage();
  await signIn(operator, "admin");
  return {
    product,
    consoleUrl,
    operator,
    consoles,
    stop: async () => {
      await context.close();
      product.stop();
      consoles.stop();
      await idp.stop();
    },
  };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  installGuardInProductApp();
  world = await startWorld(browser);
});
test.afterAll(async () => world?.stop());

/** Signs in to the product by magic link: Auth.js's sign-in page, the mail from the suite's SMTP catcher, the link. */
async function productSignIn(page: Page, email: string) {
  await page.goto(`${world.product.url}/auth/signin?callbackUrl=${encodeURIComponent(`${world.product.url}/`)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in with Email" }).click();
  await expect(page).toHaveURL(/\/auth\/verify-request/, { timeout: 30_000 });
  let link: string | undefined;
  await expect
    .poll(async () => (link = (await mailTo(email))[0]?.text.match(/http:\/\/127\.0\.0\.1:\d+\/auth\/callback\/nodemailer\S+/)?.[0]), { timeout: 15_000 })
    .toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId("who")).toHaveText(`Signed in as ${email}`);
}

/** Reloads `path` until `check` passes: the consumer stores events a moment after the product writes them. */
async function until(page: Page, path: string, check: () => Promise<void>, timeout = 30_000) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout, intervals: [500, 1000, 2000] });
}

const feedRow = (page: Page, text: string | RegExp) => page.getByTestId("activity-table").getByRole("row").filter({ hasText: text });

test("a product sign-in by magic link shows on /activity, the user page and the overview; the operator's actions show as Gatehouse's", async ({ browser }) => {
  test.setTimeout(150_000);
  const email = `activity-${randomUUID().slice(0, 8)}@example.com`;
  const visitor = await browser.newContext();
  await productSignIn(await visitor.newPage(), email);
  await visitor.close();
  const page = world.operator;

  // The request, the use, the sign-up and the sign-in, each once, all the product's.
  await until(page, `/activity?who=${encodeURIComponent(email)}`, async () => {
    await expect(feedRow(page, "Magic link requested")).toHaveCount(1);
    await expect(feedRow(page, "Magic link used")).toHaveCount(1);
    await expect(feedRow(page, "Signed up")).toHaveCount(1);
    await expect(feedRow(page, "Started a session")).toHaveCount(1);
    await expect(feedRow(page, /^.*Signed in with nodemailer/)).toHaveCount(1);
  });
  await expect(page.getByTestId("activity-table").getByText("Gatehouse")).toHaveCount(0);
  await expect(page.getByTestId("consumer-status")).toContainText("read by the console (poll)");
  const userHref = await feedRow(page, "Signed up").getByRole("link", { name: email }).getAttribute("href");
  expect(userHref).toMatch(/^\/users\//);

  // The overview's tiles count today's sign-up.
  await page.goto("/");
  await expect(page.getByTestId("tile-sign-ups").getByTestId("tile-value")).toHaveText("1");
  await expect(page.getByTestId("tile-active").getByTestId("tile-value")).toHaveText("1 / 1");

  // The user page: the Activity section, and Last active made exact by it.
  await page.goto(userHref!);
  const section = page.locator("#activity");
  await expect(section.getByRole("row").filter({ hasText: "Signed in with nodemailer" })).toHaveCount(1);
  await expect(page.getByTestId("last-active")).not.toContainText("estimate");

  // The operator revokes the session, then blocks the user: both are Gatehouse's, the revoke with its audit entry.
  await page.getByRole("button", { name: "Revoke all sessions", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("activity e2e");
  await dialog.getByRole("button", { name: "Revoke all sessions", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Revoked 1 session/).first()).toBeVisible();
  await page.getByRole("button", { name: "Block user", exact: true }).click();
  await dialog.getByLabel("Duration").selectOption({ label: "permanent" });
  await dialog.getByLabel(/Reason/).fill("activity e2e");
  await dialog.getByRole("button", { name: "Block user", exact: true }).click();
  await expect(dialog).toBeHidden();

  await until(page, `/activity?who=${encodeURIComponent(email)}`, async () => {
    await expect(feedRow(page, "Session revoked").getByText("Gatehouse")).toHaveCount(1);
    await expect(feedRow(page, /^.*Blocked/).getByText("Gatehouse")).toHaveCount(1);
  });
  await expect(feedRow(page, "Session revoked").getByRole("link", { name: "Gatehouse" })).toHaveAttribute("href", /^\/audit\?target=/);

  await page.goto("/activity");
  await expect(page.getByTestId("chart-sign-ups").locator("canvas").first()).toBeVisible();
  await themedScreenshots(page, "activity");
  await expectNoViolations(page, "/activity with live data");
  await page.goto(userHref!);
  await themedScreenshots(page, "user-activity", { of: page.locator("#activity") });
});

test("Pause stops the feed's refresh and says so; Resume starts it again", async () => {
  const page = world.operator;
  await page.goto("/activity");
  const pause = page.getByRole("button", { name: "Pause" });
  await expect(pause).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("live-state")).toContainText("Live");
  await pause.click();
  await expect(page.getByRole("button", { name: "Resume" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("live-state")).toContainText("Paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("live-state")).toContainText("Live");
});

/** Through the IdP's login and consent pages: an account item with OAuth tokens in its image, and its stream record. */
async function ssoSignIn(page: Page, login: string) {
  await page.goto(`${world.product.url}/auth/signin?callbackUrl=${encodeURIComponent(`${world.product.url}/`)}`);
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL((url) => url.origin === world.product.url, { timeout: 30_000 });
}

/** Every string in a table's items, as DynamoDB Local holds them (a test may Scan). */
async function everyItem(tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await world.consoles.doc.scan({ TableName: tableName, ExclusiveStartKey: start });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

test("no secret the stream carries is stored, shown, answered by the API or printed by the CLI", async ({ browser }) => {
  test.setTimeout(150_000);
  const login = `activity-sso-${randomUUID().slice(0, 6)}`;
  const visitor = await browser.newContext();
  await ssoSignIn(await visitor.newPage(), login);
  await visitor.close();
  const page = world.operator;
  await until(page, "/activity?type=account-linked", async () => {
    await expect(feedRow(page, "Linked sso")).toHaveCount(1);
  });

  // The secrets: session tokens (in keys and attributes), magic-link tokens, OAuth tokens.
  const { pk, sk } = { pk: world.consoles.product.partitionKey, sk: world.consoles.product.sortKey };
  const secrets = new Set<string>();
  for (const item of await everyItem(world.consoles.product.tableName)) {
    for (const name of ["sessionToken", "token", "access_token", "refresh_token", "id_token"])
      if (typeof item[name] === "string") secrets.add(item[name] as string);
    for (const key of [item[pk], item[sk]]) {
      const match = /^(?:SESSION|VT)#(.+)$/.exec(String(key));
      if (match?.[1] && !match[1].includes("@")) secrets.add(match[1]);
    }
  }
  expect(secrets.size).toBeGreaterThanOrEqual(3);
  const anySecret = new RegExp([...secrets].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
  const noSecret = (where: string, text: string) => {
    const leak = anySecret.exec(text);
    if (leak) throw new Error(`a secret (${leak[0].slice(0, 6)}…) in ${where}`);
  };

  // Stored: every activity item in Gatehouse's table (events, figures, markers, checkpoints).
  const stored = (await everyItem(world.consoles.gatehouse.tableName)).filter((item) => String(item.pk).startsWith("ACTIVITY#"));
  expect(stored.length).toBeGreaterThan(10);
  noSecret("the stored activity", JSON.stringify(stored));

  // Shown: the pages' HTML and RSC payloads.
  const bodies: { url: string; body: string }[] = [];
  const collect = async (response: import("@playwright/test").Response) => {
    if (/html|text\/x-component|json/.test(response.headers()["content-type"] ?? ""))
      bodies.push({ url: response.url(), body: await response.text().catch(() => "") });
  };
  page.on("response", collect);
  for (const path of ["/", "/activity", "/activity?type=account-linked", "/activity?type=session-created"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await feedRow(page, "Started a session").first().getByRole("link").first().click();
  await page.waitForLoadState("networkidle");
  page.off("response", collect);
  expect(bodies.length).toBeGreaterThan(4);
  for (const { url, body } of bodies) noSecret(url, body);

  // Answered and printed: the API, and the CLI as a script runs it.
  const key = await createApiKeyInConsole(browser, world.consoleUrl, `activity-leak-${randomUUID().slice(0, 4)}`, []);
  for (const path of ["/api/v1/activity?limit=100", "/api/v1/activity?type=account-linked", "/api/v1/stats"]) {
    const response = await fetch(`${world.consoleUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status, path).toBe(200);
    noSecret(path, await response.text());
  }
  for (const args of [
    ["activity", "--since", "1h"],
    ["activity", "--since", "1h", "--json"],
    ["stats", "--json"],
  ]) {
    const run = await cli(args, { GATEHOUSE_URL: world.consoleUrl, GATEHOUSE_API_KEY: key });
    expect(run.code, `gatehouse ${args.join(" ")}: ${run.stderr}`).toBe(0);
    noSecret(`gatehouse ${args.join(" ")}`, run.stdout + run.stderr);
  }
});

/** The CLI as a script runs it: plain node, no TTY. */
function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(process.cwd(), "cli/gatehouse.mjs"), ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
