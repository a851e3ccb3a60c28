import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";

/** A fresh user of this test's own, written through the real adapter. */
async function makeUser(options: { sessions?: number; accounts?: string[] } = {}) {
  const db = e2eDynamo("act");
  const adapter = db.productAdapter;
  const email = `act-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `Act ${email.slice(4, 8)}` });
  for (const provider of options.accounts ?? []) {
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider,
      providerAccountId: `${provider}-${user.id.slice(0, 8)}`,
      access_token: `at-${randomUUID()}`,
    });
  }
  const tokens: string[] = [];
  for (let i = 0; i < (options.sessions ?? 0); i++) {
    const sessionToken = randomUUID();
    tokens.push(sessionToken);
    await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
  }
  return { id: user.id, email, tokens, adapter };
}

async function confirm(page: Page, action: string, reason?: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("an admin signs a user out everywhere; other users stay signed in; the audit log says who", async ({ page }) => {
  const target = await makeUser({ sessions: 4, accounts: ["github"] });
  const bystander = await makeUser({ sessions: 2 });
  const operator = await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Revoke all sessions", exact: true }).click();
  await expect(page.getByRole("dialog")).toContainText(target.email);
  await confirm(page, "Revoke all sessions", "laptop stolen");
  await expect(page.getByText(/Revoked 4 sessions/).first()).toBeVisible();

  for (const token of target.tokens) expect(await target.adapter.getSessionAndUser!(token)).toBeNull();
  for (const token of bystander.tokens) expect(await bystander.adapter.getSessionAndUser!(token)).not.toBeNull();
  await expect(page.getByRole("table", { name: "Sessions" }).getByText("No sessions")).toBeVisible();

  await page.goto(`/audit?target=${encodeURIComponent(target.email)}`);
  const row = page.getByRole("row").filter({ hasText: "revoke-all-sessions" });
  await expect(row).toContainText(operator);
  await expect(row).toContainText("laptop stolen");
});

test("revoke one session from the user page", async ({ page }) => {
  const target = await makeUser({ sessions: 2 });
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await page.getByRole("table", { name: "Sessions" }).getByRole("button", { name: "Revoke", exact: true }).first().click();
  await confirm(page, "Revoke");
  await expect(page.getByRole("table", { name: "Sessions" }).getByRole("row")).toHaveCount(2);
  const left = await Promise.all(target.tokens.map((t) => target.adapter.getSessionAndUser!(t)));
  expect(left.filter(Boolean)).toHaveLength(1);
});

test("unlink an account, then undo it from the audit log", async ({ page }) => {
  const target = await makeUser({ accounts: ["github", "google"] });
  const github = { provider: "github", providerAccountId: `github-${target.id.slice(0, 8)}` };
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await page
    .getByRole("table", { name: "Linked accounts" })
    .getByRole("row")
    .filter({ hasText: github.providerAccountId })
    .getByRole("button", { name: "Unlink" })
    .click();
  await confirm(page, "Unlink");
  await expect(page.getByRole("table", { name: "Linked accounts" }).getByText(github.providerAccountId)).toHaveCount(0);
  expect(await target.adapter.getUserByAccount!(github)).toBeNull();
  expect(await target.adapter.getUserByAccount!({ provider: "google", providerAccountId: `google-${target.id.slice(0, 8)}` })).not.toBeNull();

  await page.goto(`/audit?action=unlink-account&target=${encodeURIComponent(target.id)}`);
  await page.getByRole("row").filter({ hasText: github.providerAccountId }).getByRole("button", { name: "Undo" }).click();
  await confirm(page, "Undo");
  await expect.poll(async () => (await target.adapter.getUserByAccount!(github))?.id).toBe(target.id);
  await page.goto(`/users/${target.id}`);
  await expect(page.getByRole("table", { name: "Linked accounts" }).getByText(github.providerAccountId)).toBeVisible();
});

test("delete a user: everything goes, and the audit log records it", async ({ page }) => {
  const target = await makeUser({ sessions: 3, accounts: ["github", "discord"] });
  const operator = await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Delete user", exact: true }).click();
  await expect(page.getByRole("dialog")).toContainText("3 sessions");
  await confirm(page, "Delete user", "account closure request");
  await expect(page).toHaveURL(/\/users$/);
  expect(await target.adapter.getUser!(target.id)).toBeNull();
  expect(await target.adapter.getUserByEmail!(target.email)).toBeNull();
  for (const token of target.tokens) expect(await target.adapter.getSessionAndUser!(token)).toBeNull();
  const response = await page.goto(`/users/${target.id}`);
  expect(response?.status()).toBe(404);

  await page.goto(`/audit?action=delete-user&target=${encodeURIComponent(target.email)}`);
  const row = page.getByRole("row").filter({ hasText: "account closure request" });
  await expect(row).toContainText(operator);
  await expect(row.getByRole("button", { name: "Undo" })).toBeVisible();
});

test("a viewer sees no action controls anywhere", async ({ page }) => {
  const target = await makeUser({ sessions: 1, accounts: ["github"] });
  await signIn(page, "viewer");
  for (const path of [`/users/${target.id}`, "/sessions", "/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: /^(revoke|revoke all sessions|revoke selected|unlink|delete user|purge expired|undo)$/i })).toHaveCount(0);
  }
});

test("tick sessions on /sessions and revoke the selected ones", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/sessions?pageSize=100");
  const table = page.getByRole("table", { name: "Sessions" });
  // Seeded users' sessions: the other tests here work on users of their own ("act-…").
  const seeded = table.locator("tbody > tr").filter({ hasNotText: "act-" });
  const fingerprintOf = async (index: number) => (await seeded.nth(index).getByRole("checkbox").getAttribute("aria-label"))!.replace("Select session …", "");
  const [first, second, kept] = [await fingerprintOf(0), await fingerprintOf(1), await fingerprintOf(2)];
  const box = (fp: string) => table.getByRole("checkbox", { name: `Select session …${fp}` });
  const revokeSelected = page.getByRole("button", { name: "Revoke selected", exact: true });
  await expect(revokeSelected).toBeDisabled();

  await box(first).check();
  await box(second).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await expect(table.getByRole("checkbox", { name: "Select all on this page" })).toHaveJSProperty("indeterminate", true);
  await revokeSelected.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`…${first}`);
  await expect(dialog).toContainText(`…${second}`);
  await expect(dialog).not.toContainText(`…${kept}`);
  await confirm(page, "Revoke selected", "ticket SUP-42");
  await expect(page.getByText(/Revoked 2 sessions/).first()).toBeVisible();
  await expect(box(first)).toHaveCount(0);
  await expect(box(second)).toHaveCount(0);
  await expect(box(kept)).not.toBeChecked();
  await expect(page.getByText("Select sessions to revoke them together.")).toBeVisible();

  await page.reload();
  await expect(box(kept)).toBeVisible();
  await expect(box(first)).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("row").filter({ hasText: "ticket SUP-42" })).toContainText(`…${first}`);
});
