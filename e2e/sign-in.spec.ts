import { expect, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { magicLinkFor, mailTo, operatorEmail, requestLink, signIn } from "./support/operators";

test("an anonymous visit goes to the sign-in page and keeps where it was going", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Sign in to Gatehouse" })).toBeVisible();
  await page.goto("/users?pageSize=50");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fusers%3FpageSize%3D50$/);
});

test("an allow-listed admin signs in with a magic link and lands on the overview", async ({ page }) => {
  const email = operatorEmail("admin");
  await requestLink(page, email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 30_000 });
  const [mail] = await mailTo(email);
  expect(mail?.subject).toContain("Sign in to Gatehouse");
  await page.goto(await magicLinkFor(email));

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("operator-role")).toHaveText("admin");
  const db = e2eDynamo();
  for (const table of [db.product.tableName, db.gatehouse.tableName]) {
    await expect(page.getByRole("region", { name: table })).toBeVisible();
  }
  await expect(page.getByText("DynamoDB refreshes this about every 6 hours").first()).toBeVisible();
  // The e2e product table runs without TTL: the doctor says so, with the fix.
  const product = page.getByRole("region", { name: db.product.tableName });
  await expect(product.getByRole("list", { name: /Findings/ })).toContainText("TTL is disabled");
  await expect(product).toContainText(`aws dynamodb update-time-to-live --table-name ${db.product.tableName}`);
  await expect(page.getByRole("region", { name: db.gatehouse.tableName })).toContainText("No problems found");

  // The operator is a user of Gatehouse's own table, written by the adapter, not of the product table.
  expect(await db.gatehouseAdapter.getUserByEmail!(email)).toMatchObject({ email });
  expect(await db.productAdapter.getUserByEmail!(email)).toBeNull();
});

test("a refused address sees the same 'check your email' page, gets no mail, no Auth.js item, and one audit entry", async ({ page }) => {
  const email = operatorEmail("stranger");
  await requestLink(page, email);
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(page.getByText("If this address may sign in, a link is on its way.")).toBeVisible();
  await expect(page.getByText(email)).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await mailTo(email)).toEqual([]);
  const db = e2eDynamo();
  expect(await db.itemsMentioning(db.product.tableName, email)).toEqual([]);
  // No user, no verification token: only the audit log's record of the refusal.
  const items = await db.itemsMentioning(db.gatehouse.tableName, email);
  expect(items.map((i) => [i.type, i.action, i.result])).toEqual([["AUDIT", "sign-in-refused", "refused"]]);
});

test("a viewer signs in and sees the viewer role", async ({ page }) => {
  await signIn(page, "viewer");
  await page.getByRole("button", { name: /Operator menu/ }).click();
  await expect(page.getByRole("menu").getByText("viewer", { exact: true })).toBeVisible();
});

test("sign-out ends the session in the table, and a used link does not work twice", async ({ page, context }) => {
  const email = operatorEmail("admin");
  await requestLink(page, email);
  const link = await magicLinkFor(email);
  await page.goto(link);
  await expect(page.getByTestId("operator-role")).toHaveText("admin");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toBeTruthy();
  const db = e2eDynamo();
  expect(await db.gatehouseAdapter.getSessionAndUser!(cookie!.value)).not.toBeNull();

  await page.getByRole("button", { name: /Operator menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect(await db.gatehouseAdapter.getSessionAndUser!(cookie!.value)).toBeNull();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("a bad email gets a clear message and sends nothing", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill("not an email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
});

test("the health probe answers ok and round-trip time, nothing else", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(["dynamodbMs", "ok"]);
  expect(body.ok).toBe(true);
  expect(typeof body.dynamodbMs).toBe("number");
});

test("an unknown route is a clean 404", async ({ page }) => {
  await signIn(page, "viewer");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});
