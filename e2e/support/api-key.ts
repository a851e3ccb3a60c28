import { type Browser, expect } from "@playwright/test";
import { signIn } from "./operators";

/** Creates an API key (read, which the dialog ticks, plus `scopes`; 30 days) the way an admin does, at /settings/api-keys, and returns it. */
export async function createApiKeyInConsole(
  browser: Browser,
  url: string,
  name: string,
  scopes: readonly string[] = ["sessions:write", "users:write"],
): Promise<string> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  for (const scope of scopes) await dialog.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await dialog.getByLabel("Expires after").selectOption("30");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  const key = await page.getByRole("dialog", { name: "Copy your API key now" }).getByTestId("created-api-key").inputValue();
  expect(key).toMatch(/^gh_/);
  await context.close();
  return key;
}
