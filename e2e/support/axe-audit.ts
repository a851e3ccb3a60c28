import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: what the console promises (docs/accessibility in README). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One block per rule: id, impact and help, then each failing element's selector and axe's summary of why. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" >> ");
        const summary = (n.failureSummary ?? "").trim().replace(/\n/g, "\n      ");
        return `  - ${target}\n      ${summary}`;
      });
      return `${v.id} (${v.impact ?? "no impact"}): ${v.help} [${v.helpUrl}]\n${nodes.join("\n")}`;
    })
    .join("\n\n");
}

/** Resolves once every finite animation (a dialog fading in) has finished: axe measures colours as they are painted. */
export async function animationsSettled(page: Page) {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * Runs axe with the WCAG 2 A/AA rules on the whole page and fails (softly: the test goes on to
 * its next page) with every violation spelled out.
 */
export async function expectNoViolations(page: Page, label: string) {
  await animationsSettled(page);
  // Legacy mode runs axe in the page itself; the default opens a blank page for every audit to
  // merge cross-origin frames' results, and the console has no frames.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  expect.soft(violations.length, `axe found ${violations.length} WCAG 2 A/AA violation(s) on ${label}:\n\n${describeViolations(violations)}\n`).toBe(0);
}
