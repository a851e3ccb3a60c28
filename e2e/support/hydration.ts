import { expect, type Locator } from "@playwright/test";

/**
 * How long React may take to hydrate a page. Hydration waits for the page's scripts, which a
 * loaded machine (two test workers, three consoles and DynamoDB Local on two cores) can serve
 * slowly; the wait ends as soon as React owns the element, so the bound costs nothing when it is fast.
 */
const HYDRATION_TIMEOUT_MS = 45_000;

/** Resolves once React owns the element: typing into or clicking server-rendered markup before that is lost. */
export async function hydrated(target: Locator): Promise<Locator> {
  await expect.poll(() => target.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps"))), { timeout: HYDRATION_TIMEOUT_MS }).toBe(true);
  return target;
}

/** Clicks once React has hydrated the element (a click on server-rendered markup before that does nothing). */
export async function clickWhenHydrated(target: Locator): Promise<void> {
  await (await hydrated(target)).click();
}
