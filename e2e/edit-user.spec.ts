import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";
import { openQuickFind } from "./support/quick-find";
import { themedScreenshots } from "./support/screenshots";

/**
 * Edit user in the act console (where specs change data), on users of this file's own.
 * E2E_SCREENSHOT_DIR=dir saves the dialog in both themes.
 */
test.use({ baseURL: process.env.E2E_BASE_URL_ACT });

const db = () => e2eDynamo("act");

/** Stands in for an avatar host: the console must never fetch the user's image. */
let avatarHost: Server;
let avatarHits = 0;
let avatarUrl = "";

test.beforeAll(async () => {
  avatarHost = createServer((_request, response) => {
    avatarHits++;
    response.writeHead(200, { "content-type": "image/png" }).end();
  });
  await new Promise<void>((resolve) => avatarHost.listen(0, "127.0.0.1", resolve));
  avatarUrl = `http://127.0.0.1:${(avatarHost.address() as AddressInfo).port}/avatar.png`;
});
test.afterAll(() => avatarHost?.close());

async function makeUser(label: string, tokens = 0) {
  const adapter = db().productAdapter;
  const email = `edit-${label}-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `Edit ${label}`, image: avatarUrl });
  for (let i = 0; i < tokens; i++)
    await adapter.createVerificationToken!({ identifier: email, token: `vt-${randomUUID()}`, expires: new Date(Date.now() + 3600_000) });
  await adapter.createSession!({ sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() + 3600_000) });
  return { id: user.id, email, adapter };
}

async function quickFind(page: Page, query: string) {
  const input = await openQuickFind(page);
  await input.fill(query);
  await input.press("Enter");
}

test("change a user's email: quick find finds them by the new address and not by the old one; the image is never fetched", async ({ page }) => {
  const target = await makeUser("moved", 2);
  const next = `edit-new-${randomUUID().slice(0, 8)}@example.com`;
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(avatarUrl.replace("/avatar.png", ""))) fetched.push(request.url());
  });
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await expect(page.getByTestId("user-image").getByRole("link")).toHaveAttribute("href", avatarUrl);
  await expect(page.locator(`img[src*="127.0.0.1"]`)).toHaveCount(0);

  await page.getByRole("button", { name: "Edit user", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Image URL")).toHaveValue(avatarUrl);
  await expect(dialog.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await dialog.getByLabel("Image URL").fill("javascript:alert(1)");
  await expect(dialog.getByText("The image URL must be an http:// or https:// URL.")).toBeVisible();
  await dialog.getByLabel("Image URL").fill(avatarUrl);
  await dialog.getByLabel("Email", { exact: true }).fill(` ${next.toUpperCase()} `);
  await expect(dialog.getByText(`Saved as ${next}, as Auth.js would look it up.`)).toBeVisible();
  await dialog.getByLabel("Email verified").selectOption({ label: "Not verified" });
  await expect(dialog.getByTestId("edit-preview")).toContainText(`${target.email} → ${next}`);
  await expect(dialog.getByRole("list", { name: `Pending sign-in tokens of ${target.email}` }).getByRole("listitem")).toHaveCount(2);
  await expect(dialog.getByRole("checkbox", { name: /Delete these 2 tokens/ })).toBeChecked();
  await dialog.getByLabel(/Reason/).fill("ticket SUP-12: address change");
  await themedScreenshots(page, "edit-user-dialog", { of: page.getByRole("dialog"), viewport: { width: 1280, height: 1500 } });
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Edited ${target.email}: email ${target.email} → ${next}`).first()).toBeVisible();
  await expect(page.getByTestId("user-email")).toHaveText(next);

  expect((await target.adapter.getUserByEmail!(next))?.id).toBe(target.id);
  expect(await target.adapter.getUserByEmail!(target.email)).toBeNull();

  await page.goto("/users");
  await quickFind(page, next);
  await expect(page).toHaveURL(new RegExp(`/users/${target.id}$`));
  await quickFind(page, target.email);
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText(`No user has the email ${target.email}.`);

  await page.goto(`/audit?action=edit-user&target=${encodeURIComponent(target.email)}`);
  const row = page.getByRole("row").filter({ hasText: "ticket SUP-12" });
  await expect(row).toContainText(`was ${target.email}`);
  await expect(row.getByRole("button", { name: "Undo" })).toBeVisible();
  await row.getByRole("button", { name: "Details" }).click();
  const changes = page.getByRole("dialog").getByRole("table", { name: "Changes" });
  await expect(changes.getByRole("row", { name: /Email/ }).first()).toContainText(`${target.email}${next}`);
  await themedScreenshots(page, "edit-user-audit-details", { of: page.getByRole("dialog"), viewport: { width: 1280, height: 1500 } });
  await page.keyboard.press("Escape");

  // Undo puts the old address back, GSI1 keys included.
  await row.getByRole("button", { name: "Undo" }).click();
  const undo = page.getByRole("dialog");
  await expect(undo).toContainText("Undo this edit?");
  await undo.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(undo).toBeHidden();
  await expect.poll(async () => (await target.adapter.getUserByEmail!(target.email))?.id).toBe(target.id);
  expect(await target.adapter.getUserByEmail!(next)).toBeNull();
  expect(fetched).toEqual([]);
  expect(avatarHits).toBe(0);
});

test("an email another user has is refused, and the dialog links to that user", async ({ page }) => {
  const target = await makeUser("wants");
  const holder = await makeUser("holds");
  await signIn(page, "admin");
  await page.goto(`/users/${target.id}`);
  await page.getByRole("button", { name: "Edit user", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Email", { exact: true }).fill(holder.email);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText(`Another user already has the email ${holder.email}: nothing was changed.`);
  await expect(dialog.getByRole("link", { name: "Open the user who has it" })).toHaveAttribute("href", `/users/${holder.id}`);
  expect((await target.adapter.getUserByEmail!(target.email))?.id).toBe(target.id);
  expect((await target.adapter.getUserByEmail!(holder.email))?.id).toBe(holder.id);
});
