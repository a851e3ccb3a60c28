import type { Locator, Page } from "@playwright/test";

/**
 * With E2E_SCREENSHOT_DIR set, saves the page (or `of`, one element of it: a dialog, a section)
 * in the light and then the dark theme as `<dir>/<name>-light.png` and `<name>-dark.png`, then
 * goes back to light. Without it, does nothing: these are for a person to look at, never compared.
 * Transitions are finished before each shot (fields and buttons fade their colours), not waited for.
 * `viewport`: a size for the shots only (a tall dialog scrolls inside a normal window), restored after.
 */
export async function themedScreenshots(
  page: Page,
  name: string,
  { of, fullPage = !of, viewport }: { of?: Locator; fullPage?: boolean; viewport?: { width: number; height: number } } = {},
) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  const before = page.viewportSize();
  if (viewport) await page.setViewportSize(viewport);
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => document.documentElement.classList.toggle("dark", t === "dark"), theme);
    const path = `${dir}/${name}-${theme}.png`;
    if (of) await of.screenshot({ path, animations: "disabled" });
    else await page.screenshot({ path, fullPage, animations: "disabled" });
  }
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
  if (viewport && before) await page.setViewportSize(before);
}
