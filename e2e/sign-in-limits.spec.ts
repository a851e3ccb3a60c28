import { expect, test } from "@playwright/test";
import { mailTo, operatorEmail } from "./support/operators";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Sign-in floods, against two consoles on one pair of tables (as behind a load balancer), with
 * the default 3 links per address per 15 minutes, and 10 requests per client an hour (the
 * default window is a minute: an hour, so the count cannot decay while a test makes its
 * requests). One trusted proxy hop lets each request say which client it stands for.
 */
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("limits", { GATEHOUSE_TRUSTED_PROXIES: "1", GATEHOUSE_RATE_LIMITS: "signin-email=3/15m,signin-ip=10/1h" }, 2);
});
test.afterAll(() => consoles?.stop());

let clientCounter = 0;
const nextClient = () => `198.51.100.${++clientCounter}`;

/** What a script does: take a CSRF token, POST Auth.js's own email sign-in endpoint. */
async function requestLinkDirectly(base: string, email: string, client = nextClient()) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": client } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${base}/api/auth/signin/nodemailer`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: base }),
  });
}

async function itemsMentioning(text: string) {
  const { Items = [] } = await consoles.doc.scan({ TableName: consoles.gatehouse.tableName });
  return Items.filter((item) => JSON.stringify(item).includes(text));
}

const flood = (email: string) => Promise.all(Array.from({ length: 20 }, (_, i) => requestLinkDirectly(consoles.servers[i % 2]!.url, email)));

test("20 link requests in a second, across two consoles: an allowed and a refused address both get 3 identical answers, then 429", async () => {
  const allowed = operatorEmail("admin");
  const refused = operatorEmail("stranger");
  const [forAllowed, forRefused] = await Promise.all([flood(allowed), flood(refused)]);

  for (const responses of [forAllowed, forRefused]) {
    const passed = responses.filter((r) => r.status !== 429);
    expect(passed).toHaveLength(3);
    for (const response of passed) {
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("location")!).pathname + new URL(response.headers.get("location")!).search).toBe(
        "/api/auth/verify-request?provider=nodemailer&type=email",
      );
    }
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(17);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited[0]!.text()).toMatch(/Too many sign-in requests; try again in \d+ minutes?\./);
  }

  await expect.poll(async () => (await mailTo(allowed)).length, { timeout: 15_000 }).toBe(3);
  expect(await mailTo(refused)).toEqual([]);
  expect((await itemsMentioning(allowed)).filter((item) => item.type === "AUDIT")).toEqual([]);
  const refusedItems = await itemsMentioning(refused);
  expect(refusedItems.map((item) => [item.type, item.action, item.repeats])).toEqual([["AUDIT", "sign-in-refused", 3]]);
  // The adapter hashes token values; its verification tokens sit under VT#<email>.
  const { Items: tokens = [] } = await consoles.doc.query({
    TableName: consoles.gatehouse.tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `VT#${allowed}` },
  });
  expect(tokens).toHaveLength(3);
  const { Items: none = [] } = await consoles.doc.query({
    TableName: consoles.gatehouse.tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `VT#${refused}` },
  });
  expect(none).toEqual([]);
});

test("one client gets 10 link requests a window, whichever addresses it asks for", async () => {
  const client = nextClient();
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await requestLinkDirectly(consoles.servers[i % 2]!.url, operatorEmail("admin"), client)).status);
  expect(statuses.slice(0, 10).every((s) => s === 302)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
});

test("in the browser: allowed and refused addresses see the same page, the fourth request a 429 page, and nothing is reflected", async ({ page }) => {
  const base = consoles.servers[0]!.url;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": nextClient() });
  const ask = async (email: string) => {
    await page.goto(`${base}/signin`);
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  };
  const refused = operatorEmail("stranger");
  await ask(refused);
  await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
  await expect(page.getByText("If this address may sign in, a link is on its way.")).toBeVisible();
  await expect(page.getByText(refused)).toHaveCount(0);
  const refusedPage = await page.locator("main").innerText();

  const allowed = operatorEmail("admin");
  await ask(allowed);
  await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
  expect(await page.locator("main").innerText()).toBe(refusedPage);

  await ask(allowed);
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await ask(allowed);
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  const limited = page.waitForResponse((r) => new URL(r.url()).pathname === "/signin/too-many" && r.request().resourceType() === "document");
  await ask(allowed);
  expect((await limited).status()).toBe(429);
  await expect(page.getByRole("heading", { name: "Too many sign-in requests" })).toBeVisible();
  await expect(page.getByText(/Too many sign-in requests; try again in \d+ minutes?\./)).toBeVisible();
  expect(await mailTo(allowed)).toHaveLength(3);

  // The old "not allowed" page, which named the address it was given, is gone.
  const old = await page.goto(`${base}/signin/not-allowed?email=%3Cb%3Eceo%40example.com%3C%2Fb%3E`);
  expect(old?.status()).toBe(404);
  await expect(page.getByText("ceo@example.com")).toHaveCount(0);
  const tampered = await page.goto(`${base}/signin/too-many?retry=%3Cscript%3E`);
  expect(tampered?.status()).toBe(429);
  expect(await tampered!.text()).not.toContain("<script>");
});
