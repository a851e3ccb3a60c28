import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort } from "@/scripts/lib/dynamodb-local";
import { type AuthProduct, startAuthProduct } from "@/test/support/auth-product";
import { mailTo, signIn } from "./support/operators";
import { themedScreenshots } from "./support/screenshots";
import { seededPlan, seededUserId } from "./support/seeded";
import { startSpecConsoles } from "./support/spec-console";

/**
 * New user, then Send sign-in link, against a real product: Auth.js (@auth/core's `Auth`) at
 * /api/auth on loopback, on the console's own table, mailing through the suite's SMTP catcher.
 * Its URL reaches the console as GATEHOUSE_PRODUCT_URL.
 */
test.describe.configure({ mode: "default" });

let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
let product: AuthProduct;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  consoles = await startSpecConsoles("invite", { GATEHOUSE_PRODUCT_URL: `http://127.0.0.1:${port}/`, GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  product = await startAuthProduct({ port, doc: consoles.doc, schema: consoles.product, smtpUrl: process.env.E2E_MAIL_SMTP! });
});

test.afterAll(async () => {
  consoles?.stop();
  await product?.stop();
});

const productLink = /http:\/\/127\.0\.0\.1:\d+\/api\/auth\/callback\/nodemailer\S+/;

test("New user from /users, then Send sign-in link: the product's own mail arrives and its link signs them in", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const page = await context.newPage();
  await signIn(page, "admin");
  const email = `ivy-${randomUUID().slice(0, 8)}@example.com`;

  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Email").fill(` ${email.replace("ivy", "Ivy")}`);
  await expect(dialog.getByText(`Stored as ${email}`)).toBeVisible();
  await dialog.getByLabel(/^Name/).fill("Ivy Invitee");
  await themedScreenshots(page, "new-user-dialog");
  await dialog.getByRole("button", { name: "Create user" }).click();

  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
  const userUrl = page.url();
  // The toast (the History section lists the same words).
  await expect(page.locator("[data-sonner-toast]").getByText(`Created ${email} (Ivy Invitee).`)).toBeVisible();
  await expect(page.getByTestId("user-email")).toHaveText(email);
  await expect(page.getByText("email not verified")).toBeVisible();
  await themedScreenshots(page, "user-send-sign-in-link");

  await page.getByRole("button", { name: "Send sign-in link" }).click();
  const send = page.getByRole("dialog");
  await expect(send).toContainText(`${product.url} is asked to email a sign-in link to ${email}`);
  await themedScreenshots(page, "send-sign-in-link-dialog");
  await send.getByRole("button", { name: "Send sign-in link", exact: true }).click();
  await expect(send).toBeHidden();
  await expect(page.locator("[data-sonner-toast]").getByText(`Sent: ${product.url} emailed its sign-in link to ${email}.`)).toBeVisible();

  let link: string | undefined;
  await expect
    .poll(async () => (link = (await mailTo(email))[0]?.text.match(productLink)?.[0]), { message: `the product's link mailed to ${email}`, timeout: 15_000 })
    .toBeTruthy();
  expect(new URL(link!).origin).toBe(product.url);

  // The link is the product's: following it signs the user in there and verifies the email the console created.
  const user = await browser.newContext();
  const productPage = await user.newPage();
  await productPage.goto(link!);
  await expect(productPage).toHaveURL(`${product.url}/`);
  const session = await (await productPage.request.get(`${product.url}/api/auth/session`)).json();
  expect(session?.user?.email).toBe(email);
  await page.goto(userUrl);
  await expect(page.getByText(/^verified/)).toBeVisible();

  // The same address again is refused, with a link to the user who has it.
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already belongs to another user");
  await themedScreenshots(page, "new-user-taken");
  await dialog.getByRole("link", { name: "Open the user who has this email" }).click();
  await expect(page).toHaveURL(userUrl);

  // A blocked user: the dialog says the guard would refuse the sign-in anyway.
  const { product: table, doc } = consoles;
  const userId = decodeURIComponent(new URL(userUrl).pathname.split("/").pop()!);
  await doc.update({
    TableName: table.tableName,
    Key: { [table.partitionKey]: `USER#${userId}`, [table.sortKey]: `USER#${userId}` },
    UpdateExpression: "SET gatehouseBlock = :block",
    ExpressionAttributeValues: { ":block": { since: new Date().toISOString(), reason: "e2e", by: "admin@admins.test" } },
  });
  await page.reload();
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(send).toContainText(`${email} is blocked (permanently).`);
  await expect(send).toContainText("refuses their sign-in anyway");
  await themedScreenshots(page, "send-sign-in-link-blocked");
  await send.getByRole("button", { name: "Cancel" }).click();
  await expect(send).toBeHidden();
  await user.close();
  await context.close();
});

test("without GATEHOUSE_PRODUCT_URL there is no Send sign-in link, and the user page says how to turn it on", async ({ page }) => {
  await signIn(page, "admin");
  const userId = await seededUserId(seededPlan().users[0]!.user.email);
  await page.goto(`/users/${userId}`);
  await expect(page.getByTestId("sign-in-link-off")).toHaveText("To send sign-in links, set GATEHOUSE_PRODUCT_URL to the product's URL.");
  await expect(page.getByRole("button", { name: "Send sign-in link" })).toHaveCount(0);
  await themedScreenshots(page, "user-sign-in-link-off");
});
