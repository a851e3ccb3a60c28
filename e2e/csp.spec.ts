import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/operators";
import { openQuickFind } from "./support/quick-find";
import { seededPlan, seededUserId } from "./support/seeded";

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
}

/** Records every CSP violation the browser reports, by event and by console message, across navigations. */
async function watchViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await page.exposeBinding("__reportViolation", ({ frame }, v: Omit<Violation, "page">) => void violations.push({ page: frame.url(), ...v }));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportViolation: (v: unknown) => void }).__reportViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      }),
    );
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/.test(message.text()))
      violations.push({ page: page.url(), directive: "console", blocked: "", sample: message.text().slice(0, 300) });
  });
  return violations;
}

const plan = seededPlan();
const now = Number(process.env.E2E_SEED_NOW);
const withSessions = plan.users.find((u) => u.sessions.some((s) => s.expires.getTime() > now) && u.accounts.length > 0)!;

for (const theme of ["light", "dark"] as const) {
  test(`no CSP violation on any page, dialog, menu or toast (${theme} theme)`, async ({ page, context }) => {
    test.setTimeout(150_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.addInitScript((t) => localStorage.setItem("gatehouse-theme", t), theme);
    const violations = await watchViolations(page);
    const settle = () => page.waitForLoadState("networkidle");

    for (const path of ["/signin", "/signin/check-email", "/signin/error?error=Verification"]) {
      await page.goto(path);
      await settle();
    }
    // The theme script ran under the CSP: the class is set before anything else.
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);

    await signIn(page, "admin");
    const userId = await seededUserId(withSessions.user.email);
    for (const path of [
      "/",
      "/users",
      "/accounts?provider=github",
      "/sessions",
      "/sessions?expired=1",
      "/verification-tokens",
      "/audit",
      "/doctor",
      "/no-such-page",
      `/users/${userId}`,
    ]) {
      await page.goto(path);
      await settle();
    }

    // A deferred dialog (Revoke, as admin), opened and cancelled.
    await page.getByRole("table", { name: "Sessions" }).getByRole("button", { name: "Revoke", exact: true }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    // A toast.
    await page.getByRole("button", { name: "Copy user id" }).first().click();
    await expect(page.getByText(/Copied|Couldn't copy/).first()).toBeVisible();
    // Raw items open.
    await page.locator("details summary").first().click();

    // The operator menu.
    await page.getByRole("button", { name: /Operator menu for/ }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await page.keyboard.press("Escape");

    // The Columns menu, hiding a column (a <style> rule).
    await page.goto("/users");
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Email", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("table", { name: "Users" }).getByRole("columnheader", { name: "Email", exact: true })).toBeHidden();

    // Quick find.
    await openQuickFind(page);
    await page.keyboard.press("Escape");
    await settle();

    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  });
}
