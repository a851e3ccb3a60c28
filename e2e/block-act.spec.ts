import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";
import { themedScreenshots } from "./support/screenshots";

/**
 * Block user, Unblock, the badges and the banner, and the guard status, in the act console.
 * Serial: the guard status depends on the heartbeat item this file writes and removes.
 * E2E_SCREENSHOT_DIR=dir saves the user page with its banner and the Block dialog, in both themes.
 */
test.describe.configure({ mode: "serial" });

const db = () => e2eDynamo("act");
const heartbeatKey = () => ({ [db().product.partitionKey]: "GATEHOUSE#GUARD", [db().product.sortKey]: "e2e-app" });

async function makeUser(sessions: number) {
  const adapter = db().productAdapter;
  const email = `block-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `Blocked ${email.slice(6, 10)}` });
  const tokens: string[] = [];
  for (let i = 0; i < sessions; i++) {
    const sessionToken = randomUUID();
    tokens.push(sessionToken);
    await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
  }
  return { id: user.id, email, tokens, adapter };
}

async function rawUser(id: string) {
  const { product, doc } = db();
  const key = { [product.partitionKey]: `USER#${id}`, [product.sortKey]: `USER#${id}` };
  return (await doc.get({ TableName: product.tableName, Key: key, ConsistentRead: true })).Item;
}

test.afterAll(async () => {
  await db().doc.delete({ TableName: db().product.tableName, Key: heartbeatKey() });
});

test("block with a reason and a duration: badge, banner, sessions gone, then Unblock", async ({ page }) => {
  const target = await makeUser(2);
  const operator = await signIn(page, "admin");

  await page.goto("/");
  await expect(page.getByTestId("guard-status")).toHaveText(
    "No guard seen: blocking revokes sessions, but the user can sign in again until the product adds the guard",
  );
  await expect(page.getByRole("link", { name: "How to add the guard" })).toHaveAttribute("href", "/guard");

  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Block user", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(target.email);
  await expect(dialog.getByTestId("guard-status")).toHaveText(/^No guard seen:/);
  await dialog.getByLabel("Duration").selectOption({ label: "7 days" });
  await expect(dialog.getByRole("button", { name: "Block user", exact: true })).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill("ticket SUP-9: account takeover");
  await themedScreenshots(page, "block-dialog");
  await dialog.getByRole("button", { name: "Block user", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`Blocked ${target.email} until .* Revoked 2 sessions`)).first()).toBeVisible();

  const banner = page.getByTestId("block-banner");
  await expect(banner).toContainText(`Blocked by ${operator}`);
  await expect(banner).toContainText("ticket SUP-9: account takeover");
  await expect(banner).toContainText(/Blocked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId("block-badge")).toHaveText("blocked");
  await expect(page.getByTestId("block-badge")).toHaveAttribute("title", /^Blocked until .*: ticket SUP-9: account takeover$/);
  for (const token of target.tokens) expect(await target.adapter.getSessionAndUser!(token)).toBeNull();
  const item = await rawUser(target.id);
  expect((item!.gatehouseBlock as { reason: string }).reason).toBe("ticket SUP-9: account takeover");
  expect(item?.gatehouseRevokedAt).toBeTruthy();
  await themedScreenshots(page, "user-blocked");

  await page.goto("/users?blocked=1");
  await expect(page.getByText("A metered Scan: blocked users are found by reading the whole table")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: target.email });
  await expect(row.getByTestId("block-badge")).toHaveText("blocked");
  await page.goto(`/users?pageSize=100`);
  await expect(page.getByRole("row").filter({ hasText: target.email }).getByTestId("block-badge")).toHaveText("blocked");

  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Unblock", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unblock", exact: true }).click();
  await expect(page.getByText(`Unblocked ${target.email}: they can sign in again.`).first()).toBeVisible();
  await expect(page.getByTestId("block-banner")).toHaveCount(0);
  await expect(page.getByTestId("block-badge")).toHaveCount(0);
  expect((await rawUser(target.id))?.gatehouseBlock).toBeUndefined();

  await page.goto(`/audit?target=${encodeURIComponent(target.email)}`);
  await expect(page.getByRole("row").filter({ hasText: "ticket SUP-9" })).toContainText("block-user");
  await expect(page.getByRole("row").filter({ hasText: "unblock-user" })).toContainText(operator);
});

test("with a heartbeat in the product table: Guard active, on the overview and in the Block dialog", async ({ page }) => {
  await db().doc.put({
    TableName: db().product.tableName,
    Item: {
      ...heartbeatKey(),
      type: "GATEHOUSE_GUARD",
      appName: "e2e-app",
      guardVersion: "1.0.0",
      sessionStrategy: "jwt",
      seenAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    },
  });
  const target = await makeUser(0);
  await signIn(page, "admin");
  await page.goto("/");
  await expect(page.getByTestId("guard-status")).toHaveText("Guard active: e2e-app, seen 2 min ago, JWT sessions, v1");
  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Block user", exact: true }).click();
  await expect(page.getByRole("dialog").getByTestId("guard-status")).toHaveText("Guard active: e2e-app, seen 2 min ago, JWT sessions, v1");
});
