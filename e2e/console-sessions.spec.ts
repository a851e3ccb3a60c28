import { randomUUID } from "node:crypto";
import { type BrowserContext, expect, test } from "@playwright/test";
import { ADMIN_DOMAIN } from "./support/environments";
import { type OwnConsole, startOwnConsole } from "./support/own-console";

/**
 * Console sessions are Gatehouse's own, with step-up and "Your sessions", on a console whose
 * GATEHOUSE_TABLE is the product table itself (documented as allowed): the case where a
 * product user's session sits in the very table the console signs operators in from.
 */
let shared: OwnConsole;

test.describe.configure({ mode: "default" });
test.beforeAll(async () => {
  shared = await startOwnConsole({ sharedTable: true });
});
test.afterAll(async () => shared?.stop());

const adminEmail = () => `op-${randomUUID().slice(0, 8)}@${ADMIN_DOMAIN}`;

async function productUser(email = `user-${randomUUID().slice(0, 8)}@example.com`) {
  const user = await shared.adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `Product ${email.slice(0, 12)}` });
  return { ...user, email };
}

/** Moves the browser's console session's sign-in back in time, as if the operator signed in that long ago. */
async function signedInMinutesAgo(context: BrowserContext, minutes: number) {
  const token = (await shared.sessionToken(context))!;
  const found = await shared.gatehouseAdapter.getSessionAndUser!(token);
  await shared.doc.update({
    TableName: shared.gatehouse.tableName,
    Key: { pk: `USER#${found!.session.userId}`, sk: `SESSION#${token}` },
    UpdateExpression: "SET signedInAt = :at",
    ExpressionAttributeValues: { ":at": Date.now() - minutes * 60_000 },
  });
}

test("a product user's own session token, put in the console's cookie, is refused", async ({ browser }) => {
  // Allow-listed by domain: exactly who would get in this way.
  const user = await productUser(adminEmail());
  const sessionToken = randomUUID();
  await shared.adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });

  const context = await browser.newContext();
  await context.addCookies([{ name: "authjs.session-token", value: sessionToken, url: shared.url, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.goto(`${shared.url}/users`);
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("operator-role")).toHaveCount(0);
  const session = await (await context.request.get(`${shared.url}/api/auth/session`)).json();
  expect(session?.user).toBeUndefined();
  // The product's session is the product's: refused here, never deleted.
  expect(await shared.adapter.getSessionAndUser!(sessionToken)).not.toBeNull();
  await context.close();
});

test("step-up: a stale sign-in is told to sign in again before and after the click, and comes back to the same page", async ({ page, context }) => {
  const target = await productUser();
  const email = adminEmail();
  await shared.signIn(page, email);
  await page.goto(`${shared.url}/users/${target.id}`);

  // The page was read while the sign-in was fresh; it goes stale before the click: the data layer refuses.
  await signedInMinutesAgo(context, 20);
  await page.getByRole("button", { name: "Delete user", exact: true }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("account closure request");
  await dialog.getByRole("button", { name: "Delete user", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("Sign in again to do this.");
  expect(await shared.adapter.getUser!(target.id)).not.toBeNull();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Read again while stale: the dialog says so up front, with no confirm button at all.
  await page.reload();
  await page.getByRole("button", { name: "Delete user", exact: true }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("alert")).toContainText("needs a sign-in within the last 15 minutes");
  await expect(dialog.getByRole("button", { name: "Delete user", exact: true })).toHaveCount(0);
  // Revokes stay one click away.
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Delete user", exact: true }).click();
  await page.getByRole("dialog").getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/signin\?reauth=1/);
  await expect(page.getByRole("heading", { name: "Sign in again" })).toBeVisible();
  await shared.followLink(page, email);
  await expect(page).toHaveURL(`${shared.url}/users/${target.id}`);

  await page.getByRole("button", { name: "Delete user", exact: true }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("account closure request");
  await dialog.getByRole("button", { name: "Delete user", exact: true }).click();
  await expect(page).toHaveURL(`${shared.url}/users`);
  expect(await shared.adapter.getUser!(target.id)).toBeNull();
});

test("Your sessions lists both browsers of one operator and revokes the other one", async ({ browser }) => {
  const email = adminEmail();
  const first = await browser.newContext();
  const second = await browser.newContext({
    userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
  });
  const a = await first.newPage();
  const b = await second.newPage();
  await shared.signIn(a, email);
  await shared.signIn(b, email);

  await a.getByRole("button", { name: `Operator menu for ${email}` }).click();
  await a.getByRole("menuitem", { name: "Your sessions" }).click();
  await expect(a).toHaveURL(`${shared.url}/settings/sessions`);
  const table = a.getByRole("table", { name: "Your sessions" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const mine = table.getByRole("row").filter({ hasText: "This session" });
  await expect(mine).toContainText("Chrom");
  const other = table.getByRole("row").filter({ hasText: "Safari 18 on macOS" });
  await expect(other).toContainText("127.0.0.1");
  await expect(mine.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const otherToken = (await shared.sessionToken(second))!;
  const page = await a.content();
  expect(page).not.toContain(otherToken);
  expect(page).not.toContain((await shared.sessionToken(first))!);

  await other.getByRole("button", { name: "Revoke" }).click();
  const dialog = a.getByRole("dialog");
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("row")).toHaveCount(2);

  await b.goto(`${shared.url}/users`);
  await expect(b).toHaveURL(/\/signin/);
  await a.goto(`${shared.url}/users`);
  await expect(a.getByTestId("operator-role")).toHaveText("admin");

  await a.goto(`${shared.url}/audit?action=revoke-own-session`);
  await expect(a.getByRole("row").filter({ hasText: "revoke-own-session" }).first()).toContainText(email);
  await first.close();
  await second.close();
});
