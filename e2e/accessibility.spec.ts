import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import { THEME_KEY } from "@/components/theme";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { type ConsoleServer, startConsoleServer } from "@/scripts/lib/console-server";
import { planDemoData } from "@/scripts/lib/demo-data";
import { seedDemoActivity, seedDemoData } from "@/scripts/lib/seed";
import { testSchema } from "@/test/support/dynamo";
import { animationsSettled, expectNoViolations } from "./support/axe-audit";
import { clickWhenHydrated, hydrated } from "./support/hydration";
import { signIn } from "./support/operators";
import { e2eConsoleEnv } from "./support/spec-console";

/**
 * An axe audit (WCAG 2.0/2.1 A and AA) of every page and of the open menus and dialogs, in the
 * light and the dark theme, on a console of its own (seeded demo data, and a user blocked through
 * the UI, which also leaves an audit entry), so nothing here changes what other specs count.
 * To audit a new page, add a line to `screens`. E2E_SCREENSHOT_DIR=dir also saves each screen as audited.
 */

type Role = "admin" | "viewer" | "signed-out";
interface Ids {
  /** A user with linked accounts, sessions and pending sign-in tokens. */
  rich: string;
  blocked: string;
  richEmail: string;
  blockedEmail: string;
  /** A finished Act on a list job (revoke-all of one user, and one unknown email). */
  listJob: string;
}
interface Screen {
  name: string;
  path: (ids: Ids) => string;
  /** Who looks at it; admin unless said. */
  as?: Role;
  /** A page outside the console's shell (no sidebar, no operator menu). */
  bare?: boolean;
  /** Opens a menu or dialog once the page is ready, and returns it (the audit waits for it to show). */
  open?: (page: Page) => Promise<Locator>;
}

const screens: Screen[] = [
  { name: "sign-in page", path: () => "/signin", as: "signed-out" },
  { name: "check-your-email page", path: () => "/signin/check-email", as: "signed-out" },
  { name: "sign-in error page", path: () => "/signin/error?error=Verification", as: "signed-out" },
  { name: "overview", path: () => "/" },
  { name: "users", path: () => "/users" },
  { name: "blocked users", path: () => "/users?blocked=1" },
  { name: "user with accounts, sessions and tokens", path: (ids) => `/users/${ids.rich}` },
  { name: "blocked user", path: (ids) => `/users/${ids.blocked}` },
  { name: "user, as a viewer", path: (ids) => `/users/${ids.rich}`, as: "viewer" },
  { name: "unknown user", path: () => "/users/no-such-user-id" },
  { name: "accounts of a provider", path: () => "/accounts?provider=github" },
  { name: "sessions", path: () => "/sessions" },
  { name: "verification tokens", path: () => "/verification-tokens" },
  { name: "audit log", path: () => "/audit" },
  { name: "activity", path: () => "/activity" },
  { name: "activity of one user", path: (ids) => `/activity?who=${ids.rich}` },
  {
    name: "activity, a chart shown as a table",
    path: () => "/activity",
    open: async (page) => {
      const chart = page.getByTestId("chart-sign-ins");
      await chart.getByText("Show as table").click();
      await expect(chart.getByRole("table", { name: "Sign-ins per day, by provider" })).toBeVisible();
      return chart;
    },
  },
  { name: "activity with bad filters", path: () => "/activity?type=nope&from=2026-02-30" },
  { name: "doctor", path: () => "/doctor" },
  { name: "guard", path: () => "/guard" },
  { name: "your sessions", path: () => "/settings/sessions" },
  { name: "API keys", path: () => "/settings/api-keys" },
  { name: "act on a list", path: () => "/users/act-on-list" },
  {
    name: "act on a list, preview of Block user",
    path: () => "/users/act-on-list",
    open: async (page) => {
      const list = page.getByLabel("Emails or user ids, one per line");
      await (await hydrated(list)).fill(`${ids.richEmail}\n${ids.blockedEmail}\nnobody-a11y@example.com\n`);
      await page.getByRole("button", { name: "Resolve" }).click();
      await page.getByRole("radio", { name: /^Block user/ }).check();
      return page.getByTestId("job-preview");
    },
  },
  { name: "list job result", path: (ids) => `/users/act-on-list?job=${ids.listJob}` },
  { name: "act on a list, as a viewer", path: () => "/users/act-on-list", as: "viewer" },
  { name: "404 page", path: () => "/no-such-page", bare: true },
  {
    name: "operator menu open",
    path: () => "/users",
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: /Operator menu/ }));
      return page.getByRole("menu");
    },
  },
  {
    name: "columns menu open",
    path: () => "/users",
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Columns" }));
      return page.getByRole("menu");
    },
  },
  {
    name: "quick find open",
    path: () => "/",
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Quick find" }));
      return page.getByRole("dialog");
    },
  },
  {
    name: "Revoke all sessions dialog open",
    path: (ids) => `/users/${ids.rich}`,
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Revoke all sessions", exact: true }));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("heading", { name: "Revoke all sessions?" })).toBeVisible();
      return dialog;
    },
  },
  {
    name: "New user dialog open",
    path: () => "/users",
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "New user", exact: true }));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("heading", { name: "New user" })).toBeVisible();
      return dialog;
    },
  },
  {
    name: "Edit user dialog open",
    path: (ids) => `/users/${ids.rich}`,
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Edit user", exact: true }));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("heading", { name: /^Edit / })).toBeVisible();
      return dialog;
    },
  },
  {
    name: "Merge into dialog open",
    path: (ids) => `/users/${ids.rich}`,
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Merge into…", exact: true }));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("heading")).toBeVisible();
      return dialog;
    },
  },
  {
    name: "Create API key dialog open",
    path: () => "/settings/api-keys",
    open: async (page) => {
      await clickWhenHydrated(page.getByRole("button", { name: "Create API key", exact: true }));
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByRole("heading", { name: "Create API key" })).toBeVisible();
      return dialog;
    },
  },
];

const themes = ["light", "dark"] as const;
type Theme = (typeof themes)[number];

let server: ConsoleServer;
let ids: Ids;
const signedIn: Partial<Record<Role, Awaited<ReturnType<BrowserContext["storageState"]>>>> = {};

/** One worker runs the file, so the console starts and the operators sign in once. */
test.describe.configure({ mode: "default" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT!;
  const clients = createDynamoClients({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const product = testSchema("a11y-auth");
  const gatehouse = testSchema("a11y-gatehouse");
  // No TTL: expired sessions and tokens stay, so their badges are audited too.
  await Promise.all([ensureTable(clients.raw, product, { ttl: false }), ensureTable(clients.raw, gatehouse)]);
  const seed = { users: 30, seed: 11, now: Date.now() };
  const { demoUsers } = await seedDemoData(clients.doc, product, seed);
  // A month of activity for /activity's charts, tables and feed, and the overview's tiles.
  await seedDemoActivity({ doc: clients.doc, schema: gatehouse, retentionDays: 90, shards: 8 }, demoUsers, { seed: 11 });
  server = await startConsoleServer(
    e2eConsoleEnv(endpoint, process.env.E2E_MAIL_SMTP!, product, gatehouse.tableName, { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" }),
  );

  const plan = planDemoData(seed).users;
  const rich =
    plan.find((u) => u.accounts.length >= 2 && u.sessions.length >= 2 && u.tokens.length > 0) ??
    plan.find((u) => u.accounts.length && u.sessions.length && u.tokens.length)!;
  // The seed only gives pending sign-in tokens to unverified users: the blocked one shows the "verified" badge.
  const other = plan.find((u) => u !== rich && u.user.emailVerified && u.accounts.length > 0 && u.sessions.length > 0)!;
  const adapter = DynamoDBAdapter(clients.doc, product);
  const idOf = async (email: string) => (await adapter.getUserByEmail!(email))!.id;
  const third = plan.find((u) => u !== rich && u !== other && u.sessions.length > 0)!;
  ids = { rich: await idOf(rich.user.email), blocked: await idOf(other.user.email), richEmail: rich.user.email, blockedEmail: other.user.email, listJob: "" };

  await Promise.all(
    (["admin", "viewer"] as const).map(async (role) => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      await signIn(page, role);
      if (role === "admin") {
        await blockThroughTheUi(page, ids.blocked);
        ids.listJob = await actOnListThroughTheUi(page, [third.user.email, "nobody-a11y@example.com"]);
      }
      signedIn[role] = await context.storageState();
      await context.close();
    }),
  );
});

test.afterAll(() => server?.stop());

/** Blocks a user as an operator would, so the blocked user's page and the audit log have something to show. */
async function blockThroughTheUi(page: Page, userId: string) {
  await page.goto(`/users/${userId}`);
  await clickWhenHydrated(page.getByRole("button", { name: "Block user", exact: true }));
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("a11y audit: a blocked user to look at");
  await dialog.getByRole("button", { name: "Block user", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("block-banner")).toBeVisible();
}

/** Revokes one user's sessions through Act on a list (and lists one unknown email), for the result page to look at. */
async function actOnListThroughTheUi(page: Page, entries: string[]) {
  await page.goto("/users/act-on-list");
  const list = page.getByLabel("Emails or user ids, one per line");
  await (await hydrated(list)).fill(entries.join("\n"));
  await page.getByRole("button", { name: "Resolve" }).click();
  await page.getByRole("radio", { name: /^Revoke all sessions/ }).check();
  await page.getByLabel(/Reason/).fill("a11y audit: a list job to look at");
  await page.getByRole("button", { name: "Revoke all sessions (1)" }).click();
  await expect(page.getByTestId("job-state")).toHaveText("done");
  return new URL(page.url()).searchParams.get("job")!;
}

/**
 * Pages open light: the theme is chosen before the first paint, from localStorage
 * (components/theme-script.tsx), and the system preference agrees.
 */
async function lightContext(browser: Browser, role: Role) {
  const context = await browser.newContext({ baseURL: server.url, colorScheme: "light", storageState: role === "signed-out" ? undefined : signedIn[role] });
  await context.addInitScript((key) => {
    // Also runs in about:blank, where localStorage is off limits.
    if (location.protocol.startsWith("http")) localStorage.setItem(key, "light");
  }, THEME_KEY);
  return context;
}

/** The page has streamed in: its heading shows and no loading skeleton is left. */
async function ready(page: Page, theme: Theme) {
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.locator('main [aria-busy="true"], main .animate-pulse')).toHaveCount(0);
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
}

async function screenshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/a11y-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`, fullPage: true });
}

/** The page of one screen, ready and with its menu or dialog open. */
async function show(page: Page, screen: Screen, as: Role) {
  await page.goto(screen.path(ids));
  await ready(page, "light");
  if (as !== "signed-out" && !screen.bare) await expect(page.getByTestId("operator-role")).toHaveText(as);
  if (screen.open) await expect(await screen.open(page)).toBeVisible();
  await animationsSettled(page);
}

/**
 * Turns the open page dark as the theme toggle does (the saved choice and the `dark` class, which
 * the charts follow), with the system preference agreeing, and waits for colour transitions to end.
 * The page, its menu or dialog stay as they were, so each screen is loaded and opened once for both themes.
 */
async function turnDark(page: Page) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate((key) => {
    localStorage.setItem(key, "dark");
    document.documentElement.classList.add("dark");
  }, THEME_KEY);
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await animationsSettled(page);
}

// One step per screen, audited in the light theme and then the dark one: a failing screen does not
// stop the others (soft assertions), and the console and sign-ins of beforeAll serve every screen.
test("every screen passes axe's WCAG 2 A/AA rules, in the light and the dark theme", async ({ browser }) => {
  test.setTimeout(60_000 + screens.length * 20_000);
  const contexts = new Map<Role, BrowserContext>();
  try {
    for (const screen of screens) {
      const as = screen.as ?? "admin";
      await test.step(`${screen.name} (${as})`, async () => {
        if (!contexts.has(as)) contexts.set(as, await lightContext(browser, as));
        const page = await contexts.get(as)!.newPage();
        try {
          await show(page, screen, as);
          for (const theme of themes) {
            if (theme === "dark") await turnDark(page);
            await screenshot(page, `${screen.name}-${as}-${theme}`);
            await expectNoViolations(page, `${screen.name} as ${as}, ${theme} theme (${screen.path(ids)})`);
          }
        } finally {
          await page.close();
        }
      });
    }
  } finally {
    for (const context of contexts.values()) await context.close();
  }
});
