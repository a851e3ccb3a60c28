import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { ADMIN_DOMAIN } from "./support/environments";
import { startOwnConsole, type OwnConsole } from "./support/own-console";

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
