import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";
import { openQuickFind } from "./support/quick-find";
import { themedScreenshots } from "./support/screenshots";
import { currentEnvironment, seededPlan, seededUserId } from "./support/seeded";

const plan = seededPlan();
const now = Number(process.env.E2E_SEED_NOW);
const rich =
  plan.users.find((u) => u.accounts.length >= 2 && u.sessions.some((s) => s.expires.getTime() > now) && u.tokens.length > 0) ??
  plan.users.find((u) => u.accounts.length >= 1 && u.sessions.length >= 1)!;

test("find a user by exact email from the palette", async ({ page }) => {
  await signIn(page, "viewer");
  const target = plan.users[5]!.user;
  const input = await openQuickFind(page);
  await input.fill(target.email);
  await input.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/users/${await seededUserId(target.email)}$`));
  await expect(page.getByTestId("user-email")).toHaveText(target.email);

  const again = await openQuickFind(page);
  await again.fill("nobody-at-all@example.com");
  await again.press("Enter");
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("No user has the email nobody-at-all@example.com.");
});

test("a user page shows accounts, sessions with expiry and pending tokens", async ({ page }) => {
  await signIn(page, "viewer");
  const id = await seededUserId(rich.user.email);
  await page.goto(`/users/${id}`);
  await expect(page.getByRole("heading", { name: rich.user.name })).toBeVisible();

  const accounts = page.getByRole("table", { name: "Linked accounts" });
  for (const account of rich.accounts) {
    await expect(accounts.getByRole("row").filter({ hasText: account.providerAccountId })).toContainText(account.provider);
  }
  const sessions = page.getByRole("table", { name: "Sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(rich.sessions.length + 1);
  const live = rich.sessions.filter((s) => s.expires.getTime() > Date.now()).length;
  await expect(sessions.getByText("live", { exact: true })).toHaveCount(live);
  await expect(sessions.locator("time").first()).toHaveText(/^in \d+ (min|h|d|mo)$|ago$/);

  const tokens = page.getByRole("table", { name: "Pending sign-in tokens" });
  await expect(tokens.getByRole("row")).toHaveCount(Math.max(rich.tokens.length, 1) + 1);
  await expect(page.getByTestId("query-meter")).toContainText("Query ×3");
});

test("page through users and back", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/users");
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(26);
  const firstPage = await table.getByRole("row").nth(1).textContent();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByText("Page 2 ·")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).not.toHaveText(firstPage!);
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByText("Page 1 ·")).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toHaveText(firstPage!);
  await page.goBack();
  await expect(page.getByText("Page 2 ·")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Page 2 ·")).toBeVisible();

  const sizes = page.getByRole("group", { name: "Rows per page" });
  await expect(sizes.getByRole("link", { name: "25" })).toHaveAttribute("aria-current", "true");
  await sizes.getByRole("link", { name: "100" }).click();
  await expect(page).toHaveURL(/pageSize=100/);
  await expect(sizes.getByRole("link", { name: "100" })).toHaveAttribute("aria-current", "true");
  await expect(table.getByRole("row")).toHaveCount(plan.users.length + 1);
  await expect(page.getByTestId("query-meter")).toContainText("Scan ×");
});

test("browse the accounts of one provider", async ({ page }) => {
  await signIn(page, "viewer");
  const github = plan.users.flatMap((u) => u.accounts.filter((a) => a.provider === "github").map((a) => ({ ...a, email: u.user.email })));
  await page.goto("/accounts?provider=github&pageSize=100");
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(github.length + 1);
  for (const account of github.slice(0, 3)) {
    await expect(table.getByRole("row").filter({ hasText: account.providerAccountId })).toContainText(account.email);
  }
  await expect(page.getByTestId("query-meter")).toContainText("Query ×1");
  await expect(page.getByTestId("query-meter")).toContainText("BatchGetItem ×1");
});

test("the sessions and verification-token pages show expiry", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/sessions");
  await expect(page.locator("main time").first()).toHaveText(/^in /);
  await expect(page.getByText("expired, awaiting TTL")).toHaveCount(0);
  await page.goto("/sessions?expired=1&pageSize=100");
  await expect(page.getByText("expired, awaiting TTL").first()).toBeVisible();

  await page.goto("/verification-tokens?pageSize=100");
  await expect(page.locator("main time").first()).toBeVisible();
  await expect(page.getByText("expired, awaiting TTL deletion").first()).toBeVisible();
});

test("a pasted session token finds its user by POST; a wrong one says so, and no token reaches a URL", async ({ page }) => {
  // The last user with a live session, which other specs leave alone.
  const owner = plan.users.findLast((u) => u !== rich && u.sessions.some((s) => s.expires.getTime() > now))!;
  const session = owner.sessions.find((s) => s.expires.getTime() > now)!;
  await signIn(page, "viewer");
  await page.goto("/sessions");
  const field = page.getByLabel("Session token");
  const find = page.getByRole("button", { name: "Find user" });
  const wrong = randomUUID();
  await field.fill(wrong);
  await find.click();
  await expect(page).toHaveURL(/\/sessions\?lookup=missing$/);
  await expect(page.locator("#session-token-error")).toHaveText("No session has that token.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveValue("");
  expect(await page.content()).not.toContain(wrong);
  await themedScreenshots(page, "sessions-lookup-missing", { viewport: { width: 1280, height: 720 }, fullPage: false });

  await find.click();
  await expect(page.locator("#session-token-error")).toHaveText("Paste a session token.");
  await expect(page).toHaveURL(/\/sessions\?lookup=empty$/);

  await field.fill(session.sessionToken);
  await find.click();
  await expect(page).toHaveURL(new RegExp(`/users/${await seededUserId(owner.user.email)}#sessions$`));
  await expect(page.getByTestId("user-email")).toHaveText(owner.user.email);
  expect(await page.content()).not.toContain(session.sessionToken);
});

test("a viewer sees everything and no action buttons", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto(`/users/${await seededUserId(rich.user.email)}`);
  await expect(page.getByRole("table", { name: "Sessions" })).toBeVisible();
  await expect(page.getByRole("button", { name: /revoke|unlink|delete|purge/i })).toHaveCount(0);
  await page.goto("/sessions");
  await expect(page.getByRole("button", { name: /revoke|purge/i })).toHaveCount(0);
});

test("a viewer counts the items by entity from the overview, on request only", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  const card = page.getByRole("region", { name: "Items by entity" });
  await expect(card.getByRole("button", { name: "Count items" })).toBeVisible();
  await expect(card.getByTestId("count-summary")).toHaveCount(0);
  await card.getByRole("button", { name: "Count items" }).click();
  await expect(card.getByTestId("count-summary")).toContainText("Counted all", { timeout: 30_000 });
  // Other specs add and delete items meanwhile: the counts are checked for shape, not exact values.
  await expect(card.getByTestId("count-users")).toHaveText(/^[1-9][\d,]*$/);
  await expect(card.getByTestId("count-sessions")).toHaveText(/^[1-9][\d,]*$/);
  await expect(card.getByRole("progressbar")).toBeVisible();
});

test("tampered cursors, unknown ids and huge query strings give clean errors", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "viewer");
  await page.goto("/users");
  const next = await page.getByRole("link", { name: "Next" }).getAttribute("href");
  const cursor = new URL(next!, "http://x").searchParams.get("cursor")!;
  const tampered = cursor.slice(0, 30) + (cursor[30] === "A" ? "B" : "A") + cursor.slice(31);
  const response = await page.goto(`/users?cursor=${tampered}`);
  expect(response?.status()).toBeLessThan(500);
  await expect(page.locator("main").getByRole("alert")).toContainText("stale or was altered");
  await page.getByRole("link", { name: "Go to page one" }).click();
  await expect(page.getByText("Page 1 ·")).toBeVisible();

  const sessionsWithUserCursor = await page.goto(`/sessions?cursor=${cursor}`);
  expect(sessionsWithUserCursor?.status()).toBeLessThan(500);
  await expect(page.locator("main").getByRole("alert")).toContainText("stale or was altered");

  const missing = await page.goto("/users/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such user" })).toBeVisible();
  expect((await page.goto(`/users/${"x".repeat(500)}`))?.status()).toBe(404);

  await page.goto(`/users?q=${"a".repeat(3000)}`);
  await expect(page.locator("main").getByRole("alert")).toContainText("limited to 200 characters");
  const huge = await page.request.get(`/users?q=${"b".repeat(40_000)}`, { maxRedirects: 0 });
  expect(huge.status()).toBeGreaterThanOrEqual(400);
  expect(huge.status()).toBeLessThan(500);
  expect(await huge.text()).not.toMatch(/at .*\.js:\d+/);
});

test("no secret reaches the browser on any page", async ({ page }) => {
  test.setTimeout(180_000);
  const db = e2eDynamo(currentEnvironment());
  const items = await db.itemsMentioning(db.product.tableName, "");
  const secrets = new Set<string>();
  for (const item of items) {
    for (const name of ["sessionToken", "access_token", "refresh_token", "id_token", "token"]) {
      if (typeof item[name] === "string") secrets.add(item[name] as string);
    }
  }
  expect(secrets.size).toBeGreaterThan(100);

  const bodies: { url: string; body: string }[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    // Static JavaScript is built before any data exists; documents, RSC payloads and JSON carry data.
    if (/html|text\/x-component|json/.test(type)) bodies.push({ url: response.url(), body: await response.text().catch(() => "") });
  });
  await signIn(page, "admin");
  const visit = async (path: string) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  };
  for (const path of [
    "/",
    "/users",
    "/users?pageSize=100",
    "/users?q=a&scan=1",
    "/sessions?pageSize=100",
    "/sessions?expired=1&pageSize=100",
    "/verification-tokens?pageSize=100",
  ]) {
    await visit(path);
  }
  await page.goto("/users");
  await page.getByRole("link", { name: "Next" }).click();
  await page.waitForLoadState("networkidle");
  for (const provider of new Set(plan.users.flatMap((u) => u.accounts.map((a) => a.provider)))) await visit(`/accounts?provider=${provider}&pageSize=100`);
  const withSecrets = plan.users.filter((u) => u.accounts.length || u.sessions.length || u.tokens.length).slice(0, 12);
  for (const user of withSecrets) {
    await visit(`/users/${await seededUserId(user.user.email)}`);
    await page.getByText("Raw items").scrollIntoViewIfNeeded();
  }
  expect(bodies.length).toBeGreaterThan(20);
  const anySecret = new RegExp([...secrets].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
  for (const { url, body } of bodies) {
    const leak = anySecret.exec(url) ?? anySecret.exec(body);
    if (leak) throw new Error(`a secret (${leak[0].slice(0, 6)}…) reached the browser in ${url}`);
  }
});

test("tables: rows move and open with the keyboard, columns hide, details open in a dialog", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/users");
  const table = page.getByRole("table", { name: "Users" });
  const rows = table.locator("tbody > tr");
  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute("tabindex", "0");
  await expect(rows.first()).toHaveAttribute("tabindex", "-1");
  const href = await rows.nth(1).getAttribute("data-href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));

  await page.goto("/users");
  await expect(table.getByRole("columnheader", { name: "Email", exact: true })).toBeVisible();
  const columns = page.getByRole("button", { name: "Columns" });
  const emailHeader = table.getByRole("columnheader", { name: "Email", exact: true });
  await columns.click();
  await expect(page.getByRole("menuitemcheckbox", { name: "Name", exact: true })).toHaveCount(0);
  await page.getByRole("menuitemcheckbox", { name: "Email", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(columns).toBeFocused();
  await expect(emailHeader).toBeHidden();
  await expect(table.getByRole("cell", { name: /@/ })).toHaveCount(0);
  await columns.click();
  await page.getByRole("menuitemcheckbox", { name: "Email", exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(emailHeader).toBeVisible();

  await page.goto("/audit");
  const details = page
    .getByRole("table", { name: /Audit log/ })
    .getByRole("button", { name: "Details" })
    .first();
  await themedScreenshots(page, "audit-list", { viewport: { width: 1440, height: 900 }, fullPage: false });
  await details.click();
  const dialog = page.getByRole("dialog");
  // The row carries only what its columns show: the dialog reads the whole entry as it opens.
  await expect(dialog).toContainText("Request id");
  await expect(dialog).toContainText("User agent");
  await themedScreenshots(page, "audit-details", { of: dialog });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(details).toBeFocused();

  // Quick find opened by its shortcut gives focus back to where it was, not to the sidebar button.
  await openQuickFind(page);
  await page.keyboard.press("Escape");
  await expect(details).toBeFocused();
});
