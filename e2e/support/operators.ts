import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import type { CaughtMail } from "@/scripts/lib/mail-catcher";
import { ADMIN_DOMAIN, VIEWER_DOMAIN } from "./environments";

/** A fresh allow-listed address for one test, so parallel tests never share mail or sessions. */
export function operatorEmail(role: "admin" | "viewer" | "stranger") {
  const domain = role === "admin" ? ADMIN_DOMAIN : role === "viewer" ? VIEWER_DOMAIN : "outsiders.test";
  return `${role}-${randomUUID().slice(0, 8)}@${domain}`;
}

export async function mailTo(email: string): Promise<CaughtMail[]> {
  const response = await fetch(`${process.env.E2E_MAIL_API}/messages`);
  const all = (await response.json()) as CaughtMail[];
  return all.filter((m) => m.to.includes(email.toLowerCase()));
}

export async function magicLinkFor(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const [mail] = await mailTo(email);
        link = mail?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+/)?.[0];
        return link;
      },
      { message: `a magic link mailed to ${email}`, timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}

export async function requestLink(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

/** Signs in through the real magic-link flow: request, read the mail from SMTP, follow the link. */
export async function signIn(page: Page, role: "admin" | "viewer", email = operatorEmail(role)) {
  await requestLink(page, email);
  // Sending goes through SMTP; the first one on a cold server takes a while.
  await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
  await page.goto(await magicLinkFor(email));
  await expect(page.getByTestId("operator-role")).toHaveText(role);
  return email;
}
