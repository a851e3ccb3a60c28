import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, type Page, type Route, test } from "@playwright/test";
import { hydrated } from "./support/hydration";
import { signIn } from "./support/operators";
import { themedScreenshots } from "./support/screenshots";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Act on a list (issue 13) on a console of this spec's own (fresh tables: the recent jobs and
 * the counts are exactly this file's), with users and sessions written by the real adapter and
 * checked through it. Stop, reload and Resume are made deterministic by holding one server
 * action request in the browser (page.route) until the test lets it go.
 * E2E_SCREENSHOT_DIR=dir saves the paste, preview, running, stopped and result states, in both themes.
 */
test.describe.configure({ mode: "serial" });
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("act-on-list", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
});
test.afterAll(() => consoles?.stop());

const adapter = () => DynamoDBAdapter(consoles.doc, consoles.product);

type Seeded = { id: string; email: string; tokens: string[] };
async function seedUsers(label: string, count: number, sessions: number): Promise<Seeded[]> {
  const tag = randomUUID().slice(0, 6);
  const users: Seeded[] = [];
  // In list order, a few at a time: DynamoDB Local on two cores is the limit, not the loop.
  for (let start = 0; start < count; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, async (_, j) => {
        const email = `${label}-${start + j}-${tag}@example.com`;
        const user = await adapter().createUser!({ id: "", email, emailVerified: new Date(), name: `${label} ${start + j}` });
        const tokens: string[] = [];
        for (let s = 0; s < sessions; s++) {
          const sessionToken = randomUUID();
          tokens.push(sessionToken);
          await adapter().createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
        }
        return { id: user.id, email, tokens };
      }),
    );
    users.push(...batch);
  }
  return users;
}

async function liveSessions(users: Seeded[]) {
  let live = 0;
  for (const user of users) for (const token of user.tokens) if (await adapter().getSessionAndUser!(token)) live++;
  return live;
}

async function rawUser(id: string) {
  const { product, doc } = consoles;
  const key = { [product.partitionKey]: `USER#${id}`, [product.sortKey]: `USER#${id}` };
  return (await doc.get({ TableName: product.tableName, Key: key, ConsistentRead: true })).Item;
}

/**
 * Holds the `nth` server action request of one kind (resolve: `"entries"` without `"reason"`;
 * step: `"cursor"`) until `release()`; every other request goes through.
 */
async function holdAction(page: Page, kind: "resolve" | "step", nth: number) {
  let seen = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const matches = (body: string) => (kind === "step" ? body.includes('"cursor"') : body.includes('"entries"') && !body.includes('"reason"'));
  await page.route(
    (url) => url.pathname === "/users/act-on-list",
    async (route: Route) => {
      const request = route.request();
      if (request.method() === "POST" && request.headers()["next-action"] && matches(request.postData() ?? "") && ++seen === nth) {
        arrived();
        await released;
      }
      await route.fallback();
    },
  );
  return { held, release: () => release(), seen: () => seen };
}

async function openActOnList(page: Page) {
  await page.goto("/users");
  await page.getByRole("link", { name: "Act on a list" }).click();
  await expect(page).toHaveURL(/\/users\/act-on-list$/);
  await expect(page.getByRole("heading", { level: 1, name: "Act on a list" })).toBeVisible();
  return hydrated(page.getByLabel("Emails or user ids, one per line"));
}

const jobUrl = /\/users\/act-on-list\?job=([0-9a-f-]{36})$/;

test("50 emails, 5 unknown: resolve, preview, Revoke all sessions to the end; sessions gone, results and CSV", async ({ browser }) => {
  test.setTimeout(180_000);
  const users = await seedUsers("revoke", 45, 2);
  const unknown = Array.from({ length: 5 }, (_, i) => `nobody-${i}-${randomUUID().slice(0, 6)}@example.com`);
  const emails = [...users.slice(0, 20).map((u) => u.email), ...unknown, ...users.slice(20).map((u) => u.email)];
  expect(await liveSessions(users)).toBe(90);

  const context = await browser.newContext({ baseURL: consoles.servers[0]!.url, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, "admin");
  const list = await openActOnList(page);
  await expect(page.getByTestId("list-summary")).toHaveText("No entries yet: paste them above, or upload a file.");
  await expect(page.getByRole("button", { name: "Resolve" })).toBeDisabled();
  // A blank line, a duplicate written in capitals, and a trailing newline: ignored and counted.
  await list.fill(`${emails.slice(0, 10).join("\n")}\n\n${emails[3]!.toUpperCase()}\n${emails.slice(10).join("\n")}\n`);
  await expect(page.getByTestId("list-summary")).toHaveText("50 entries (1 blank line, 1 duplicate ignored)");
  await themedScreenshots(page, "act-on-list-paste");

  await page.getByRole("button", { name: "Resolve" }).click();
  const counts = page.getByTestId("preview-counts");
  await expect(counts).toContainText("Listed50");
  await expect(counts).toContainText("Found45");
  await expect(counts).toContainText("Not found5");
  await expect(counts).toContainText("Already blocked0");
  const notFound = page.getByTestId("not-found").getByRole("listitem");
  await expect(notFound).toHaveText(unknown);

  const notFoundFile = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download not found" }).click();
  const saved = await notFoundFile;
  expect(saved.suggestedFilename()).toBe("not-found.txt");
  expect((await readFile((await saved.path())!, "utf8")).trim().split("\n")).toEqual(unknown);

  await expect(page.getByRole("button", { name: "Choose an action" })).toBeDisabled();
  await page.getByRole("radio", { name: /^Revoke all sessions/ }).check();
  const confirm = page.getByRole("button", { name: "Revoke all sessions (45)" });
  await expect(confirm).toBeDisabled();
  await expect(page.getByTestId("job-preview")).toContainText("Revoke all sessions: 45 listed users?");
  await expect(page.getByTestId("job-preview")).toContainText("5 entries not found: nothing is done for them");
  await page.getByLabel(/Reason/).fill("ticket SUP-13: credential stuffing list");
  await themedScreenshots(page, "act-on-list-preview");
  await confirm.click();

  await expect(page).toHaveURL(jobUrl);
  const jobId = page.url().match(jobUrl)![1]!;
  await expect(page.getByTestId("job-state")).toHaveText("done", { timeout: 30_000 });
  const progress = page.getByRole("progressbar", { name: "Job progress" });
  await expect(progress).toHaveAttribute("aria-valuenow", "50");
  await expect(progress).toHaveAttribute("aria-valuemax", "50");
  const jobCounts = page.getByTestId("job-counts");
  await expect(jobCounts).toContainText("OK45");
  await expect(jobCounts).toContainText("Partial0");
  await expect(jobCounts).toContainText("Failed0");
  await expect(jobCounts).toContainText("Not found5");
  await expect(page.getByTestId("throughput")).toHaveText(/^[\d,.]+ write units · [\d,.]+ WCU\/s/);
  await expect(page.getByTestId("job-message")).toHaveText("Revoked all sessions of 45 listed users; 5 not found.");

  expect(await liveSessions(users)).toBe(0);
  for (const user of users) expect((await rawUser(user.id))?.gatehouseRevokedAt).toBeTruthy();

  const results = page.getByRole("table", { name: "Results of the list job" });
  await expect(results.locator("tbody tr")).toHaveCount(50);
  const unknownRow = results.getByRole("row").filter({ hasText: unknown[0]! });
  await expect(unknownRow.getByTestId("outcome")).toHaveText("not-found");
  const knownRow = results.getByRole("row").filter({ hasText: users[0]!.email });
  await expect(knownRow.getByTestId("outcome")).toHaveText("ok");
  await expect(knownRow.getByRole("link", { name: users[0]!.email })).toHaveAttribute("href", `/users/${users[0]!.id}`);
  await themedScreenshots(page, "act-on-list-result");

  const csvFile = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results (CSV)" }).click();
  const csv = await csvFile;
  expect(csv.suggestedFilename()).toBe(`gatehouse-list-job-${jobId}-results.csv`);
  const lines = (await readFile((await csv.path())!, "utf8")).trimEnd().split("\n");
  expect(lines[0]).toBe("entry,user_id,email,outcome,message");
  expect(lines).toHaveLength(51);
  const outcomes = new Map(lines.slice(1).map((line) => [line.split(",")[0]!, line.split(",")[3]]));
  expect([...outcomes.keys()]).toEqual(emails);
  for (const user of users) expect(outcomes.get(user.email)).toBe("ok");
  for (const email of unknown) expect(outcomes.get(email)).toBe("not-found");
  expect(lines.join("\n")).not.toMatch(new RegExp(users[0]!.tokens[0]!));

  // A reload shows the job from the server, done; the recent jobs list has it.
  await page.reload();
  await expect(page.getByTestId("job-state")).toHaveText("done");
  await expect(page.getByRole("button", { name: "Resume" })).toHaveCount(0);
  await page.getByRole("link", { name: "Act on another list" }).click();
  await expect(page).toHaveURL(/\/users\/act-on-list$/);
  const recent = page.getByRole("table", { name: "Recent list jobs" }).getByRole("row").filter({ hasText: "ticket SUP-13" });
  await expect(recent).toContainText("Revoke all sessions");
  await expect(recent).toContainText("50 of 50");
  await expect(recent).toContainText("done");
  await recent.getByRole("link", { name: /^Open/ }).click();
  await expect(page).toHaveURL(`/users/act-on-list?job=${jobId}`);
  await expect(page.getByTestId("job-state")).toHaveText("done");
  await context.close();
});

test("Stop and continue while resolving 600 entries; Block user stopped after a step, reloaded, a failed step, resumed to the end; results paged", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const users = await seedUsers("block", 120, 1);
  const tag = randomUUID().slice(0, 6);
  const unknown = Array.from({ length: 480 }, (_, i) => `ghost-${i}-${tag}@example.com`);
  const entries = [...users.map((u) => u.email), ...unknown];

  const context = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const page = await context.newPage();
  await signIn(page, "admin");
  const list = await openActOnList(page);
  await list.fill(entries.join("\n"));
  await expect(page.getByTestId("list-summary")).toHaveText("600 entries (0 blank lines, 0 duplicates ignored)");

  // Resolve: the first chunk (entries 0 to 499) waits while Stop is pressed, then goes through; the second is not asked for.
  const firstChunk = await holdAction(page, "resolve", 1);
  await page.getByRole("button", { name: "Resolve" }).click();
  await firstChunk.held;
  const resolving = page.getByRole("progressbar", { name: "Resolving the list" });
  await expect(resolving).toHaveAttribute("aria-valuenow", "0");
  await expect(resolving).toHaveAttribute("aria-valuemax", "600");
  await expect(resolving).toHaveAttribute("aria-valuetext", "Resolving 0 of 600");
  await themedScreenshots(page, "act-on-list-resolving");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByRole("button", { name: "Stopping after this step…" })).toBeDisabled();
  firstChunk.release();
  await expect(page.getByRole("button", { name: "Continue resolving" })).toBeVisible();
  await expect(page.getByText("Resolved 500 of 600: the preview below covers these.")).toBeVisible();
  const counts = page.getByTestId("preview-counts");
  await expect(counts).toContainText("Listed500");
  await expect(counts).toContainText("Found120");
  await expect(counts).toContainText("Not found380");
  await page.getByRole("radio", { name: /^Block user/ }).check();
  await expect(page.getByTestId("job-preview")).toContainText("The job takes the 500 entries resolved so far, not the other 100");
  expect(firstChunk.seen()).toBe(1);
  await page.unrouteAll({ behavior: "wait" });
  await page.getByRole("button", { name: "Continue resolving" }).click();
  await expect(counts).toContainText("Listed600");
  await expect(counts).toContainText("Not found480");
  await expect(page.getByTestId("job-preview")).not.toContainText("resolved so far");

  await page.getByLabel("Duration").selectOption({ label: "7 days" });
  await page.getByLabel(/Reason/).fill("ticket SUP-14: bulk block");

  // The job: 12 steps of 50. Its second step waits while Stop is pressed, then goes through.
  const secondStep = await holdAction(page, "step", 2);
  await page.getByRole("button", { name: "Block user (120)" }).click();
  // Creating the job resolves the 600 entries again, one read each: on a busy machine that takes a while.
  await expect(page).toHaveURL(jobUrl, { timeout: 30_000 });
  await secondStep.held;
  const progress = page.getByRole("progressbar", { name: "Job progress" });
  await expect(progress).toHaveAttribute("aria-valuetext", "Running: 50 of 600 processed");
  await expect(page.getByTestId("job-state")).toHaveText("running");
  await themedScreenshots(page, "act-on-list-running");
  await page.getByRole("button", { name: "Stop" }).click();
  secondStep.release();
  await expect(page.getByTestId("job-state")).toHaveText("stopped");
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("job-message")).toContainText("Stopped at 100 of 600");
  await expect(page.getByRole("table", { name: "Results of the list job" }).locator("tbody tr")).toHaveCount(100);
  await themedScreenshots(page, "act-on-list-stopped");
  await page.unrouteAll({ behavior: "wait" });

  // After a reload the server shows the job where it stopped; Resume runs the rest.
  await page.reload();
  await expect(page.getByTestId("job-state")).toHaveText("stopped");
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  const blockedSoFar = await Promise.all(users.map(async (u) => Boolean((await rawUser(u.id))?.gatehouseBlock)));
  expect(blockedSoFar.filter(Boolean)).toHaveLength(100);
  // A step that cannot reach the server: said, nothing hidden, and Resume offered again.
  let failed = false;
  await page.route(
    (url) => url.pathname === "/users/act-on-list",
    async (route) => {
      const request = route.request();
      if (!failed && request.method() === "POST" && request.headers()["next-action"] && (request.postData() ?? "").includes('"cursor"')) {
        failed = true;
        return route.abort("failed");
      }
      return route.fallback();
    },
  );
  await (await hydrated(page.getByRole("button", { name: "Resume" }))).click();
  const alert = page.getByRole("alert").filter({ hasText: "The step did not go through." });
  await expect(alert).toContainText("The console could not reach the server.");
  await expect(alert).toContainText("100 of 600 were processed before it");
  await expect(page.getByTestId("job-state")).toHaveText("stopped");
  await page.unrouteAll({ behavior: "wait" });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("job-state")).toHaveText("done", { timeout: 60_000 });
  await expect(alert).toHaveCount(0);
  await expect(progress).toHaveAttribute("aria-valuenow", "600");
  await expect(page.getByTestId("job-counts")).toContainText("OK120");
  await expect(page.getByTestId("job-counts")).toContainText("Not found480");

  for (const user of users) {
    const item = await rawUser(user.id);
    expect((item?.gatehouseBlock as { reason: string } | undefined)?.reason).toBe("ticket SUP-14: bulk block");
    expect(Date.parse((item!.gatehouseBlock as { until: string }).until) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  }
  expect(await liveSessions(users)).toBe(0);

  // 600 results, 100 a page: Next and Previous.
  const rows = page.getByRole("table", { name: "Results of the list job" }).locator("tbody tr");
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText(entries[0]!);
  await page.getByRole("navigation", { name: "Results pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("navigation", { name: "Results pages" })).toContainText("Page 2 · 100 rows");
  await expect(rows.first()).toContainText(entries[100]!);
  await expect(rows.first().getByTestId("outcome")).toHaveText("ok");
  await page.getByRole("navigation", { name: "Results pages" }).getByRole("link", { name: "Next" }).click();
  await expect(rows.first()).toContainText(entries[200]!);
  await expect(rows.first().getByTestId("outcome")).toHaveText("not-found");
  await page.getByRole("navigation", { name: "Results pages" }).getByRole("link", { name: "Previous" }).click();
  await expect(page.getByRole("navigation", { name: "Results pages" })).toContainText("Page 2 · 100 rows");
  await expect(rows.first()).toContainText(entries[100]!);
  await context.close();
});

test("over 10,000 refused; a .csv upload; Delete user on a list (step-up: a fresh sign-in passes); viewers see neither the button nor the page", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const users = await seedUsers("delete", 3, 1);
  const admin = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const page = await admin.newPage();
  await signIn(page, "admin");
  const list = await openActOnList(page);
  // Over 10,000 entries (uploaded: Playwright's fill types a long text slowly): said at once, and nothing can be sent.
  const file = page.locator('input[type="file"]');
  await file.setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.from(Array.from({ length: 10_001 }, (_, i) => `u-${i}`).join("\n")) });
  await expect(page.getByTestId("list-summary")).toHaveText("10,001 entries (0 blank lines, 0 duplicates ignored)");
  await expect(page.getByRole("alert").filter({ hasText: "A list takes at most 10,000 entries; this one has 10,001." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resolve" })).toBeDisabled();
  // A .csv upload gives its first column, without its header row.
  await file.setInputFiles({ name: "ids.csv", mimeType: "text/csv", buffer: Buffer.from(`id,note\n${users.map((u) => `${u.id},test account`).join("\n")}\n`) });
  await expect(list).toHaveValue(`${users.map((u) => u.id).join("\n")}\n`);
  await expect(page.getByText("Loaded ids.csv: its first column, without the “id” header.")).toBeVisible();
  await expect(page.getByTestId("list-summary")).toHaveText("3 entries (0 blank lines, 0 duplicates ignored)");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("preview-counts")).toContainText("Found3");
  await page.getByRole("radio", { name: /^Delete user/ }).check();
  await page.getByLabel(/Reason/).fill("ticket SUP-15: test accounts");
  await page.getByRole("button", { name: "Delete user (3)" }).click();
  await expect(page.getByTestId("job-state")).toHaveText("done", { timeout: 30_000 });
  await expect(page.getByTestId("job-counts")).toContainText("OK3");
  for (const user of users) expect(await adapter().getUser!(user.id)).toBeNull();
  await admin.close();

  const viewer = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, "viewer");
  await viewerPage.goto("/users");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "Act on a list" })).toHaveCount(0);
  await viewerPage.goto("/users/act-on-list");
  await expect(viewerPage.getByText("Act on a list is for admins")).toBeVisible();
  await expect(viewerPage.getByLabel("Emails or user ids, one per line")).toHaveCount(0);
  await expect(viewerPage.getByRole("table", { name: "Recent list jobs" })).toHaveCount(0);
  expect((await viewerPage.request.get("/users/act-on-list/00000000-0000-4000-8000-000000000000/results.csv")).status()).toBe(404);
  await viewer.close();
});
