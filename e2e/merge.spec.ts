import { randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, test } from "@playwright/test";
import { fingerprint } from "@/lib/secrets";
import { signIn } from "./support/operators";
import { themedScreenshots } from "./support/screenshots";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Merge into… (issue 12) from the doctor's "users sharing one email" finding, on a console of
 * this spec's own (fresh tables: the finding lists exactly the pair seeded here, and no other
 * spec's data is touched). E2E_SCREENSHOT_DIR=dir saves the dialog's preview in both themes.
 */
test.describe.configure({ mode: "serial" });
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("merge", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
});
test.afterAll(() => consoles?.stop());

test("the doctor's shared-email finding: Merge into…, pick the user to keep, preview, confirm; the other user is gone and their account moved", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { product, doc } = consoles;
  const adapter = DynamoDBAdapter(doc, product);
  const email = `twice-${randomUUID().slice(0, 6)}@example.com`;
  const keep = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Kept Person" });
  await adapter.linkAccount!({
    userId: keep.id,
    type: "oauth",
    provider: "github",
    providerAccountId: `gh-${randomUUID().slice(0, 6)}`,
    access_token: "gho_keep",
  });
  // The second user as an older writer left it: a raw item under the same GSI1 email key.
  const otherId = randomUUID();
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = product;
  await doc.put({
    TableName: product.tableName,
    Item: {
      [pk]: `USER#${otherId}`,
      [sk]: `USER#${otherId}`,
      [gpk]: `USER#${email}`,
      [gsk]: `USER#${email}`,
      type: "USER",
      id: otherId,
      email,
      name: "Second Sign-up",
      emailVerified: null,
    },
  });
  const movedAccount = `goo-${randomUUID().slice(0, 6)}`;
  await adapter.linkAccount!({ userId: otherId, type: "oidc", provider: "google", providerAccountId: movedAccount, access_token: "ya29_secret" });
  const sessionToken = randomUUID();
  await adapter.createSession!({ sessionToken, userId: otherId, expires: new Date(Date.now() + 7 * 86_400_000) });

  const context = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const page = await context.newPage();
  await signIn(page, "admin");

  await page.goto("/doctor");
  await page.getByRole("button", { name: "Run the doctor" }).click();
  const finding = page.locator('[data-finding="duplicate-emails"]');
  await expect(finding).toContainText(`${email}: 2 users`, { timeout: 30_000 });
  await finding.getByRole("button", { name: "Merge into…" }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radio")).toHaveCount(2);
  await expect(dialog.getByRole("button", { name: "Preview merge" })).toBeDisabled();
  await dialog.getByRole("radio", { name: new RegExp(keep.id) }).check();
  await themedScreenshots(page, "merge-pick", { fullPage: false });
  await dialog.getByRole("button", { name: "Preview merge" }).click();

  const preview = dialog.getByTestId("merge-preview");
  await expect(preview).toContainText(`Keeps ${email} (${keep.id})`);
  await expect(preview).toContainText(`1 linked account: google:${movedAccount}`);
  await expect(preview).toContainText(`1 session: …${fingerprint(sessionToken)}`);
  await expect(preview).toContainText(`Then deletes the user item of ${email}`);
  await expect(dialog).not.toContainText(sessionToken);
  const confirm = dialog.getByRole("button", { name: "Merge users" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill("ticket SUP-12: signed up twice");
  await themedScreenshots(page, "merge-dialog", { fullPage: false });
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Merged ${email} into ${email}: moved 1 account and 1 session, and deleted ${email}'s user item.`)).toBeVisible();

  expect((await page.goto(`/users/${otherId}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such user" })).toBeVisible();
  await page.goto(`/users/${keep.id}`);
  await expect(page.getByText("Linked accounts (2)")).toBeVisible();
  await expect(page.getByText(movedAccount, { exact: true })).toBeVisible();
  expect((await adapter.getSessionAndUser!(sessionToken))?.user.id).toBe(keep.id);
  expect((await adapter.getUserByEmail!(email))?.id).toBe(keep.id);

  await page.goto("/audit?action=merge-users");
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  await context.close();
});

test("from a user page: name the other user by email, see the warnings, merge this user into them", async ({ browser }) => {
  const { product, doc } = consoles;
  const adapter = DynamoDBAdapter(doc, product);
  const keepEmail = `keep-${randomUUID().slice(0, 6)}@example.com`;
  const keep = await adapter.createUser!({ id: "", email: keepEmail, emailVerified: new Date(), name: "Keeper" });
  const blockedEmail = `Old-${randomUUID().slice(0, 6)}@Example.com`;
  const blocked = await adapter.createUser!({ id: "", email: blockedEmail, emailVerified: null, name: "Old Account" });
  const account = `gh-${randomUUID().slice(0, 6)}`;
  await adapter.linkAccount!({ userId: blocked.id, type: "oauth", provider: "github", providerAccountId: account, access_token: "gho_old" });
  const sessionToken = randomUUID();
  await adapter.createSession!({ sessionToken, userId: blocked.id, expires: new Date(Date.now() + 86_400_000) });
  const { partitionKey: pk, sortKey: sk } = product;
  await doc.update({
    TableName: product.tableName,
    Key: { [pk]: `USER#${blocked.id}`, [sk]: `USER#${blocked.id}` },
    UpdateExpression: "SET gatehouseBlock = :b",
    ExpressionAttributeValues: { ":b": { since: new Date().toISOString(), reason: "chargeback", by: "ana@admins.test" } },
  });

  const context = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto(`/users/${blocked.id}`);
  await page.getByRole("button", { name: "Merge into…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("The other user's id or email").fill(keepEmail.toUpperCase());
  await dialog.getByRole("button", { name: "Find" }).click();
  await expect(dialog.getByRole("radio", { name: new RegExp(keep.id) })).toBeChecked();
  await dialog.getByRole("button", { name: "Preview merge" }).click();
  const warnings = dialog.getByTestId("merge-warnings");
  await expect(warnings).toContainText(`${blockedEmail} is blocked: their sessions are deleted, not moved`);
  await expect(warnings).toContainText(`The emails differ (${blockedEmail} and ${keepEmail})`);
  await expect(dialog.getByTestId("merge-preview")).toContainText("0 sessions");
  await expect(dialog.getByTestId("merge-preview")).toContainText(`1 session deleted instead (already revoked for ${blockedEmail})`);
  await dialog.getByLabel(/Reason/).fill("ticket SUP-13: old account");
  await themedScreenshots(page, "merge-warnings", { fullPage: false });
  await dialog.getByRole("button", { name: "Merge users" }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${keep.id}$`));
  // The toast (the kept user's History section lists the same words).
  await expect(page.locator("[data-sonner-toast]").getByText(`Merged ${blockedEmail} into ${keepEmail}: moved 1 account and 0 sessions`)).toBeVisible();
  await expect(page.getByText(account, { exact: true })).toBeVisible();
  expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull();
  expect((await adapter.getUserByAccount!({ provider: "github", providerAccountId: account }))?.id).toBe(keep.id);
  await context.close();
});
