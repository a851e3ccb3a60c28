import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";
import { themedScreenshots } from "./support/screenshots";

/**
 * History of a user and Export data, in the act console, on a user only this file uses.
 * E2E_SCREENSHOT_DIR=dir saves the History section in both themes.
 */

async function makeUser() {
  const adapter = e2eDynamo("act").productAdapter;
  const email = `history-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `History ${email.slice(8, 12)}` });
  const secrets: string[] = [];
  for (const provider of ["github", "google"]) {
    const access = `at-${randomUUID()}`;
    const refresh = `rt-${randomUUID()}`;
    secrets.push(access, refresh);
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider,
      providerAccountId: `${provider}-${user.id.slice(0, 8)}`,
      access_token: access,
      refresh_token: refresh,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    });
  }
  for (let i = 0; i < 2; i++) {
    const sessionToken = randomUUID();
    secrets.push(sessionToken);
    await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
  }
  return { id: user.id, email, secrets };
}

test("the History section lists a revoke just made, and Export data downloads the user without a token", async ({ page }) => {
  const target = await makeUser();
  const operator = await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  const history = page.getByRole("region", { name: "History", exact: true });
  await expect(history.getByText("No recorded actions on this user yet.")).toBeVisible();

  await page.getByRole("table", { name: "Sessions" }).getByRole("button", { name: "Revoke", exact: true }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Sessions" }).getByRole("row")).toHaveCount(2);

  await page.reload();
  const entry = history.getByTestId("history-entry").first();
  await expect(entry).toHaveAttribute("data-action", "revoke-session");
  await expect(entry).toContainText("ok");
  await expect(entry).toContainText(operator);
  await expect(entry.getByRole("link", { name: "Audit log" })).toHaveAttribute(
    "href",
    new RegExp(`^/audit\\?target=${target.id}&from=\\d{4}-\\d{2}-\\d{2}&to=`),
  );
  await themedScreenshots(page, "user-history", { of: page.locator("#history") });
  await themedScreenshots(page, "user-history-page");

  // A form POST from the page (a GET exports nothing), still a streamed download.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export data", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`user-${target.id}.json`);
  const text = await readFile((await download.path())!, "utf8");
  for (const secret of target.secrets) expect(text).not.toContain(secret);
  const doc = JSON.parse(text);
  expect(doc.userId).toBe(target.id);
  expect(doc.user.email).toBe(target.email);
  expect(doc.accounts).toHaveLength(2);
  expect(doc.accounts[0].access_token).toEqual({ present: true });
  expect(doc.sessions).toHaveLength(1);
  expect(doc.history.map((e: { action: string }) => e.action)).toEqual(["export-user", "revoke-session"]);

  await page.reload();
  await expect(history.getByTestId("history-entry").first()).toHaveAttribute("data-action", "export-user");
  await expect(history.getByTestId("history-entry").first()).toContainText("ok");
});

test("a viewer sees the History section but no Export data, and the export route refuses them", async ({ page }) => {
  const target = await makeUser();
  await signIn(page, "viewer");
  await page.goto(`/users/${target.id}`);
  await expect(page.getByRole("region", { name: "History", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Export data" })).toHaveCount(0);
  const response = await page.request.post(`/users/${target.id}/export`, { headers: sameOrigin(page) });
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain(target.email);
});

/** The headers chromium sends with a form POST from the console's own page. */
function sameOrigin(page: Page) {
  return { origin: new URL(page.url()).origin, "sec-fetch-site": "same-origin" };
}

test("a GET of the export route exports nothing and writes no audit entry", async ({ page }) => {
  const target = await makeUser();
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  // A cross-site link or <img> is a GET with the admin's cookie: it must not start an audited export.
  const response = await page.request.get(`/users/${target.id}/export`);
  expect(response.status()).toBe(405);
  expect(response.headers().allow).toBe("POST");
  expect(response.headers()["x-gatehouse-audit-id"]).toBeUndefined();
  expect(await response.text()).not.toContain(target.email);
  await page.reload();
  await expect(page.getByRole("region", { name: "History", exact: true }).getByText("No recorded actions on this user yet.")).toBeVisible();
});

test("a cross-site POST of the export is refused with a 403 and writes no audit entry; a same-origin one exports", async ({ page }) => {
  const target = await makeUser();
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  const own = new URL(page.url()).origin;
  const crossSite: Record<string, string>[] = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { origin: "null", "sec-fetch-site": "cross-site" },
    { origin: "null" },
    { origin: own, "sec-fetch-site": "same-site" },
    { "sec-fetch-site": "cross-site" },
    {},
  ];
  for (const headers of crossSite) {
    const response = await page.request.post(`/users/${target.id}/export`, { headers, maxRedirects: 0 });
    expect(response.status(), JSON.stringify(headers)).toBe(403);
    expect(await response.text()).toContain("Export data only runs from the console's own page");
    expect(response.headers()["x-gatehouse-audit-id"]).toBeUndefined();
  }
  await page.reload();
  const history = page.getByRole("region", { name: "History", exact: true });
  await expect(history.getByText("No recorded actions on this user yet.")).toBeVisible();

  const exported = await page.request.post(`/users/${target.id}/export`, { headers: sameOrigin(page) });
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toBe(`attachment; filename="user-${target.id}.json"`);
  expect(JSON.parse(await exported.text()).userId).toBe(target.id);
  await page.reload();
  await expect(history.getByTestId("history-entry")).toHaveCount(1);
  await expect(history.getByTestId("history-entry").first()).toHaveAttribute("data-action", "export-user");
});

test("Show more pages through a long history, and the section says where older entries are", async ({ page }) => {
  const target = await makeUser();
  const { gatehouse, doc } = e2eDynamo("act");
  // Entries as the audit writer indexes them, an hour apart, so the order is known.
  for (let i = 0; i < 12; i++) {
    const at = new Date(Date.now() - (i + 1) * 3600_000).toISOString();
    const id = `${at}~e2e-${i}-${randomUUID().slice(0, 8)}`;
    await doc.put({
      TableName: gatehouse.tableName,
      Item: {
        [gatehouse.partitionKey]: `AUDIT#${at.slice(0, 10)}`,
        [gatehouse.sortKey]: id,
        [gatehouse.indexPartitionKey]: `AUDIT#USER#${target.id}`,
        [gatehouse.indexSortKey]: id,
        type: "AUDIT",
        at,
        operatorEmail: "seed@admins.test",
        operatorRole: "admin",
        action: "revoke-all-sessions",
        target: { userId: target.id },
        reason: `round ${i}`,
        result: "ok",
        counts: { revoked: i },
        message: null,
        requestId: `e2e-${i}`,
        ip: "127.0.0.1",
        userAgent: "e2e",
      },
    });
  }
  await signIn(page, "viewer");
  await page.goto(`/users/${target.id}`);
  const history = page.getByRole("region", { name: "History", exact: true });
  await expect(history.getByTestId("history-entry")).toHaveCount(10);
  await expect(history.getByTestId("history-entry").first()).toContainText("round 0");
  await expect(history.getByRole("link", { name: "search the audit log for them" })).toHaveAttribute(
    "href",
    new RegExp(`^/audit\\?target=${target.id}(&to=\\d{4}-\\d{2}-\\d{2})?$`),
  );
  await history.getByRole("link", { name: "Show more" }).click();
  await expect(page).toHaveURL(/[?&]history=/);
  await expect(history.getByTestId("history-entry")).toHaveCount(2);
  await expect(history.getByTestId("history-entry").last()).toContainText("round 11");
  await expect(history.getByRole("link", { name: "Show more" })).toHaveCount(0);
  await history.getByRole("link", { name: "Newest" }).click();
  await expect(history.getByTestId("history-entry")).toHaveCount(10);
});
