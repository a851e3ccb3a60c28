import { expect, type Page } from "@playwright/test";

/**
 * Presses Ctrl+K once the page's quick-find shortcut is live. Until hydration attaches its
 * listener the key is the browser's own and would be lost; the sidebar button announces the
 * shortcut (aria-keyshortcuts) only from then on. Returns the dialog's input, focused.
 */
export async function openQuickFind(page: Page) {
  await expect(page.locator("button[aria-keyshortcuts]")).toHaveCount(1);
  await page.keyboard.press("Control+k");
  const input = page.getByRole("dialog").getByLabel(/Email, user id/);
  await expect(input).toBeFocused();
  return input;
}
