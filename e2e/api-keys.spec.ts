import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/operators";

test("an admin creates an API key, sees it once, uses it, and revokes it", async ({ page, baseURL }) => {
  await signIn(page, "admin");
  await page.getByRole("button", { name: /Operator menu for/ }).click();
  await page.getByRole("menuitem", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  const name = `runbook-${randomUUID().slice(0, 6)}`;
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("checkbox", { name: /sessions:write/ }).check();
  await dialog.getByLabel("Expires after").selectOption("30");
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const shown = page.getByRole("dialog", { name: "Copy your API key now" });
  await expect(shown).toBeVisible();
  const key = await shown.getByTestId("created-api-key").inputValue();
  expect(key).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
  await expect(shown.getByRole("button", { name: "Copy key" })).toBeVisible();

  const users = await fetch(`${baseURL}/api/v1/users`, { headers: { authorization: `Bearer ${key}` } });
  expect(users.status, await users.clone().text()).toBe(200);
  expect(Array.isArray((await users.json()).users)).toBe(true);
  // /users/search is its own route, not /users/{id} with the id "search".
  const search = await fetch(`${baseURL}/api/v1/users/search?q=${encodeURIComponent(`nobody-${randomUUID()}@example.com`)}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(search.status, await search.clone().text()).toBe(200);
  expect(await search.json()).toMatchObject({ users: [], match: "contains", done: true, nextCursor: null });

  await shown.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("active");
  await expect(row).toContainText("read");
  await expect(row).toContainText("sessions:write");
  // Shown once: never again, not in the list and not in the page's payload.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("revoked");

  const refused = await fetch(`${baseURL}/api/v1/users`, { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");
  expect(refused.headers.get("www-authenticate")).toContain("Bearer");

  await page.goto("/audit?action=revoke-api-key");
  await expect(page.getByRole("row").filter({ hasText: "revoke-api-key" }).first()).toBeVisible();
});

test("a viewer has no API keys in the menu, and the page says it is for admins", async ({ page }) => {
  await signIn(page, "viewer");
  await page.getByRole("button", { name: /Operator menu for/ }).click();
  await expect(page.getByRole("menuitem", { name: "Your sessions" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "API keys" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await page.goto("/settings/api-keys");
  await expect(page.getByText("API keys are for admins")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
});
