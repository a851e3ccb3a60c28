import { randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { freePort } from "@/scripts/lib/dynamodb-local";
import type { CaughtMail } from "@/scripts/lib/mail-catcher";
import { guardTable } from "./support/guard-table";
import { startIdentityProvider } from "./support/identity-provider";
import { signIn } from "./support/operators";
import { installGuardInProductApp, type ProductApp, startProductApp } from "./support/product-app";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Issue 11's scenario (and issue 18's deletions and merges) against a real product: e2e/product-app (Auth.js's `Auth()` on a Node
 * server, @auth/dynamodb-adapter, and gatehouse-guard installed from `npm pack guard/` as
 * guard/README.md tells a product team: see installGuardInProductApp), on the table the
 * console manages, once with database sessions and once with JWT sessions (cacheSeconds: 0).
 *
 * The file runs in one worker, one strategy after the other (one console, one product, one IdP
 * at a time); each strategy's steps run in order on one user and stop at the first failure.
 */
test.describe.configure({ mode: "default" });

test.beforeAll(() => {
  test.setTimeout(120_000);
  installGuardInProductApp();
});

/**
 * Operators act through the console in the browser. E2E_REVOCATION_OPERATOR=table writes the
 * same attributes straight into the product table instead (docs/guard.md), to tell a product-side
 * failure from a console-side one.
 */
const OPERATOR: "console" | "table" = process.env.E2E_REVOCATION_OPERATOR === "table" ? "table" : "console";

interface World {
  product: ProductApp;
  consoleUrl: string;
  table: ReturnType<typeof guardTable>;
  adapter: ReturnType<typeof DynamoDBAdapter>;
  operator: Page;
  operatorEmail: string;
  stop: () => Promise<void>;
}

const productLink = /http:\/\/127\.0\.0\.1:\d+\/auth\/callback\/nodemailer\S+/;

async function mailsTo(email: string) {
  const all = (await (await fetch(`${process.env.E2E_MAIL_API}/messages`)).json()) as CaughtMail[];
  return all.filter((m) => m.to.includes(email.toLowerCase()));
}

const who = (page: Page) => page.getByTestId("who");

async function requestProductLink(page: Page, product: ProductApp, email: string) {
  await page.goto(`${product.url}/auth/signin?callbackUrl=${encodeURIComponent(`${product.url}/`)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in with Email" }).click();
}

/** The product's magic-link flow: Auth.js's sign-in page, the mail from the suite's SMTP catcher, the link. */
async function signInByLink(page: Page, product: ProductApp, email: string) {
  const before = (await mailsTo(email)).length;
  await requestProductLink(page, product, email);
  await expect(page).toHaveURL(/\/auth\/verify-request/, { timeout: 30_000 });
  let link: string | undefined;
  await expect
    .poll(async () => (link = (await mailsTo(email))[before]?.text.match(productLink)?.[0]), { message: `a product link mailed to ${email}`, timeout: 15_000 })
    .toBeTruthy();
  await page.goto(link!);
  await expect(who(page)).toHaveText(`Signed in as ${email}`);
}

/** Through the IdP's login and consent pages; each call in a fresh context, so the IdP asks every time. */
async function ssoSignIn(page: Page, product: ProductApp, login: string) {
  await page.goto(`${product.url}/auth/signin?callbackUrl=${encodeURIComponent(`${product.url}/`)}`);
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL((url) => url.origin === product.url, { timeout: 30_000 });
}

const accessDenied = (page: Page) => expect(page).toHaveURL(/\/auth\/error\?error=AccessDenied$/);

/** What the operator does, through the console or straight into the table. */
function operatorActions(world: World) {
  const userPage = async (userId: string) => {
    await world.operator.goto(`${world.consoleUrl}/users/${userId}`);
  };
  const dialog = () => world.operator.getByRole("dialog");
  if (OPERATOR === "table") {
    return {
      expectSignInShown: async (userId: string) => {
        expect(await world.table.user(userId)).toMatchObject({
          lastSignInAt: expect.any(String),
          lastSignInProvider: expect.any(String),
          signInCount: expect.any(Number),
        });
        expect(await world.table.heartbeat(world.product.appName)).toMatchObject({ guardVersion: "1.0.0", seenAt: expect.any(String) });
      },
      block: (userId: string) => world.table.block(userId, { reason: "account takeover", by: world.operatorEmail }),
      unblock: (userId: string) => world.table.unblock(userId),
      revokeAll: (userId: string) => world.table.revokeAll(userId),
      deleteUser: (userId: string) => world.table.deleteUser(userId),
      merge: (otherUserId: string, keep: { id: string; email: string }) => world.table.merge(otherUserId, keep.id),
    };
  }
  const page = world.operator;
  const guardActive = (strategy: "database" | "jwt") =>
    new RegExp(`^Guard active: ${world.product.appName}, seen [^,]+, ${strategy === "jwt" ? "JWT" : "database"} sessions, v1$`);
  const confirm = async (label: string, reason?: string) => {
    if (reason)
      await dialog()
        .getByLabel(/Reason/)
        .fill(reason);
    await dialog().getByRole("button", { name: label, exact: true }).click();
    await expect(dialog()).toBeHidden();
  };
  return {
    expectSignInShown: async (userId: string, strategy: "database" | "jwt") => {
      await page.goto(`${world.consoleUrl}/`);
      await expect(page.getByTestId("guard-status")).toHaveText(guardActive(strategy));
      await userPage(userId);
      // Two sign-ins (magic link, then SSO), the last with SSO, recorded by the guard.
      await expect(page.getByTestId("last-sign-in")).toContainText(/ with sso · 2 sign-ins$/);
    },
    block: async (userId: string, strategy: "database" | "jwt") => {
      await userPage(userId);
      await page.getByRole("button", { name: "Block user", exact: true }).click();
      await expect(dialog().getByTestId("guard-status")).toHaveText(guardActive(strategy));
      await dialog().getByLabel("Duration").selectOption({ label: "permanent" });
      await confirm("Block user", "account takeover");
      await expect(page.getByTestId("block-banner")).toContainText(`Blocked by ${world.operatorEmail}`);
    },
    unblock: async (userId: string) => {
      await userPage(userId);
      await page.getByRole("button", { name: "Unblock", exact: true }).click();
      await confirm("Unblock");
      await expect(page.getByText(/: they can sign in again\.$/).first()).toBeVisible();
      await expect(page.getByTestId("block-banner")).toHaveCount(0);
    },
    revokeAll: async (userId: string) => {
      await userPage(userId);
      await page.getByRole("button", { name: "Revoke all sessions", exact: true }).click();
      await confirm("Revoke all sessions", "laptop stolen");
      await expect(page.getByText(/^(Revoked \d+ sessions?|No sessions to revoke)/).first()).toBeVisible();
    },
    deleteUser: async (userId: string) => {
      await userPage(userId);
      await page.getByRole("button", { name: "Delete user", exact: true }).click();
      // The dialog tells what happens to sessions of either strategy.
      await expect(dialog()).toContainText("JWT sessions have no item to delete: where the product runs gatehouse-guard they end on its next request");
      await expect(dialog()).toContainText("without the guard a JWT stays valid until it expires");
      await confirm("Delete user", "account closed");
      await expect(page).toHaveURL(/\/users$/);
    },
    merge: async (otherUserId: string, keep: { id: string; email: string }) => {
      await userPage(otherUserId);
      await page.getByRole("button", { name: "Merge into…", exact: true }).click();
      await dialog().getByLabel("The other user's id or email").fill(keep.email);
      await dialog().getByRole("button", { name: "Find", exact: true }).click();
      await dialog().getByRole("button", { name: "Preview merge", exact: true }).click();
      await expect(dialog().getByTestId("merge-jwt-note")).toContainText(`Database sessions move: those browsers stay signed in, as ${keep.email}.`);
      await expect(dialog().getByTestId("merge-jwt-note")).toContainText("where the product runs gatehouse-guard they end on its next request");
      await confirm("Merge users", "signed up twice");
      await expect(page).toHaveURL(new RegExp(`/users/${keep.id}$`));
    },
  };
}

async function startWorld(browser: Browser, strategy: "database" | "jwt"): Promise<World> {
  const consoles = await startSpecConsoles(`revocation-${strategy}`, { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  const port = await freePort();
  const idp = await startIdentityProvider(`http://127.0.0.1:${port}/auth/callback/sso`);
  const product = await startProductApp({ port, strategy, appName: `revocation-${strategy}`, table: consoles.product, oidc: idp }).catch(async (error) => {
    consoles.stop();
    await idp.stop();
    throw error;
  });
  const consoleUrl = consoles.servers[0].url;
  const operatorContext = await browser.newContext({ baseURL: consoleUrl });
  const operator = await operatorContext.newPage();
  const operatorEmail = await signIn(operator, "admin");
  return {
    product,
    consoleUrl,
    table: guardTable(consoles.doc, consoles.product),
    adapter: DynamoDBAdapter(consoles.doc, consoles.product),
    operator,
    operatorEmail,
    stop: async () => {
      await operatorContext.close();
      product.stop();
      consoles.stop();
      await idp.stop();
    },
  };
}

for (const strategy of ["database", "jwt"] as const) {
  test.describe(`${strategy} sessions`, () => {
    test.describe.configure({ mode: "serial" });

    let world: World;
    let actions: ReturnType<typeof operatorActions>;
    const email = `user-${randomUUID().slice(0, 8)}@product.test`;
    let userId: string;
    /** The user's two browsers: one signed in by magic link, one by SSO. */
    let byLink: BrowserContext;
    let bySso: BrowserContext;
    const contexts: BrowserContext[] = [];
    /** A browser of the user's, closed with the rest in afterAll. */
    const newContext = async (browser: Browser) => {
      const context = await browser.newContext();
      contexts.push(context);
      return context;
    };
    const fresh = async (browser: Browser) => (await newContext(browser)).newPage();

    test.beforeAll(async ({ browser }) => {
      test.setTimeout(180_000);
      world = await startWorld(browser, strategy);
      actions = operatorActions(world);
    });

    test.afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      await world?.stop();
    });

    test("1. a user signs in to the product by magic link and by SSO; the console shows their last sign-in and the guard", async ({ browser }) => {
      byLink = await newContext(browser);
      await signInByLink(await byLink.newPage(), world.product, email);
      bySso = await newContext(browser);
      const sso = await bySso.newPage();
      await ssoSignIn(sso, world.product, email);
      await expect(who(sso)).toHaveText(`Signed in as ${email}`);

      const user = await world.adapter.getUserByEmail!(email);
      userId = user!.id;
      expect(await world.adapter.getUserByAccount!({ provider: "sso", providerAccountId: email })).toMatchObject({ id: userId });
      expect(await world.table.user(userId)).toMatchObject({ lastSignInProvider: "sso", signInCount: 2 });
      expect(await world.table.heartbeat(world.product.appName)).toMatchObject({ sessionStrategy: strategy, appName: world.product.appName });
      await actions.expectSignInShown(userId, strategy);
    });

    test("2. Block user: the product's next request has no session, a new magic link sends no mail, SSO is refused", async ({ browser }) => {
      await actions.block(userId, strategy);

      for (const context of [byLink, bySso]) {
        const page = await context.newPage();
        await page.goto(`${world.product.url}/`);
        await expect(who(page)).toHaveText("signed out");
        await page.close();
      }

      const mailsBefore = (await mailsTo(email)).length;
      const link = await fresh(browser);
      await requestProductLink(link, world.product, email);
      await accessDenied(link);
      // Auth.js sends the mail before it redirects to the check-your-email page: none came.
      expect(await mailsTo(email)).toHaveLength(mailsBefore);
      await link.goto(`${world.product.url}/`);
      await expect(who(link)).toHaveText("signed out");

      const sso = await fresh(browser);
      await ssoSignIn(sso, world.product, email);
      await accessDenied(sso);
      await sso.goto(`${world.product.url}/`);
      await expect(who(sso)).toHaveText("signed out");
    });

    test("3. Unblock: they sign in again, by magic link and by SSO", async ({ browser }) => {
      await actions.unblock(userId);
      // Ended sessions stay ended: the block revoked them.
      const old = await byLink.newPage();
      await old.goto(`${world.product.url}/`);
      await expect(who(old)).toHaveText("signed out");

      byLink = await newContext(browser);
      await signInByLink(await byLink.newPage(), world.product, email);
      bySso = await newContext(browser);
      const sso = await bySso.newPage();
      await ssoSignIn(sso, world.product, email);
      await expect(who(sso)).toHaveText(`Signed in as ${email}`);
    });

    test("4. Revoke all sessions ends the product's sessions on their next request, and they can sign in again", async ({ browser }) => {
      await actions.revokeAll(userId);
      for (const context of [byLink, bySso]) {
        const page = await context.newPage();
        await page.goto(`${world.product.url}/`);
        await expect(who(page)).toHaveText("signed out");
      }
      byLink = await newContext(browser);
      await signInByLink(await byLink.newPage(), world.product, email);
    });

    test("5. a 1-second block lifts by itself", async ({ browser }) => {
      // No console duration is that short: the block is written through the table contract.
      const until = new Date(Date.now() + 1000);
      await world.table.block(userId, { reason: "cooling off", by: world.operatorEmail, until });
      await expect.poll(() => Date.now(), { message: "the block's until to pass" }).toBeGreaterThan(until.getTime());

      byLink = await newContext(browser);
      await signInByLink(await byLink.newPage(), world.product, email);
      const sso = await fresh(browser);
      await ssoSignIn(sso, world.product, email);
      await expect(who(sso)).toHaveText(`Signed in as ${email}`);
      // Nothing removed it: it lifted because its time passed.
      expect((await world.table.user(userId))?.gatehouseBlock).toMatchObject({ until: until.toISOString() });
    });

    test("6. Delete user: the product's session is gone", async () => {
      const page = await byLink.newPage();
      await page.goto(`${world.product.url}/`);
      await expect(who(page)).toHaveText(`Signed in as ${email}`);
      await actions.deleteUser(userId);
      await page.goto(`${world.product.url}/`);
      await expect(who(page)).toHaveText("signed out");
    });

    test("7. Block a user who is offline, then delete them: their saved cookie, replayed, has no session", async ({ browser }) => {
      const offline = `offline-${randomUUID().slice(0, 8)}@product.test`;
      const context = await newContext(browser);
      await signInByLink(await context.newPage(), world.product, offline);
      const saved = await context.storageState();
      await context.close();
      const offlineId = (await world.adapter.getUserByEmail!(offline))!.id;

      await actions.block(offlineId, strategy);
      await actions.deleteUser(offlineId);

      const replayed = await browser.newContext({ storageState: saved });
      contexts.push(replayed);
      const page = await replayed.newPage();
      await page.goto(`${world.product.url}/`);
      await expect(who(page)).toHaveText("signed out");
    });

    test("8. Merge into…: the merged user's old session is not theirs any more, and signing in again lands on the kept user", async ({ browser }) => {
      const kept = `kept-${randomUUID().slice(0, 8)}@product.test`;
      const merged = `merged-${randomUUID().slice(0, 8)}@product.test`;
      const keptContext = await newContext(browser);
      await signInByLink(await keptContext.newPage(), world.product, kept);
      const mergedContext = await newContext(browser);
      const before = await mergedContext.newPage();
      await ssoSignIn(before, world.product, merged);
      await expect(who(before)).toHaveText(`Signed in as ${merged}`);
      const keptId = (await world.adapter.getUserByEmail!(kept))!.id;
      const mergedId = (await world.adapter.getUserByEmail!(merged))!.id;

      await actions.merge(mergedId, { id: keptId, email: kept });

      const old = await mergedContext.newPage();
      await old.goto(`${world.product.url}/`);
      // A database session moved with the merge and is the kept user's now; the merged user's JWT is over.
      await expect(who(old)).toHaveText(strategy === "database" ? `Signed in as ${kept}` : "signed out");

      const again = await fresh(browser);
      await ssoSignIn(again, world.product, merged);
      await expect(who(again)).toHaveText(`Signed in as ${kept}`);
      const stays = await keptContext.newPage();
      await stays.goto(`${world.product.url}/`);
      await expect(who(stays)).toHaveText(`Signed in as ${kept}`);
    });
  });
}
