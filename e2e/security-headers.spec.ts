import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIResponse, expect, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { magicLinkFor, operatorEmail, requestLink, signIn } from "./support/operators";
import { expectSecurityHeaders } from "./support/security-headers";
import { seededPlan, seededUserId } from "./support/seeded";

const noRedirect = { maxRedirects: 0 } as const;

test("every kind of response carries the security headers, with a fresh nonce each time", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const anonymous = await playwright.request.newContext({ baseURL });
  const checked: { what: string; response: APIResponse }[] = [];
  const check = async (what: string, response: APIResponse, status?: number) => {
    if (status !== undefined) expect(response.status(), what).toBe(status);
    expectSecurityHeaders(response.headers(), what);
    checked.push({ what, response });
  };

  // Anonymous: the proxy's redirect, the sign-in pages, Auth.js, health, static files.
  await check("proxy redirect", await anonymous.get("/users?pageSize=50", noRedirect), 307);
  await check("sign-in page", await anonymous.get("/signin"), 200);
  await check("check-email page", await anonymous.get("/signin/check-email"), 200);
  await check("sign-in error page", await anonymous.get("/signin/error?error=Verification"), 200);
  await check("/api/health", await anonymous.get("/api/health"), 200);
  await check("/api/auth/providers", await anonymous.get("/api/auth/providers"), 200);
  await check("/api/auth/csrf", await anonymous.get("/api/auth/csrf"), 200);
  await check("/api/auth/signin redirect", await anonymous.get("/api/auth/signin", noRedirect), 302);
  await check("favicon", await anonymous.get("/favicon.svg"), 200);
  const signinHtml = await (await anonymous.get("/signin")).text();
  const chunk = signinHtml.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  expect(chunk, "a script chunk on the sign-in page").toBeTruthy();
  await check("static chunk", await anonymous.get(chunk!), 200);
  // Next's own 500: a router-state header it cannot parse.
  await check("server error page", await anonymous.get("/signin", { headers: { RSC: "1", "Next-Router-State-Tree": "%7Bnot-json" } }), 500);

  // Signed in: every console page, a 404, an unknown user, the CSV export, the signed-in sign-in redirect.
  await signIn(page, "admin");
  const signedIn = page.request;
  const userId = await seededUserId(seededPlan().users[0]!.user.email);
  for (const path of ["/", "/users", `/users/${userId}`, "/accounts?provider=github", "/sessions", "/verification-tokens", "/audit", "/doctor"]) {
    await check(path, await signedIn.get(path), 200);
  }
  await check("404", await signedIn.get("/no-such-page"), 404);
  await check("unknown user", await signedIn.get("/users/no-such-user-id"), 404);
  await check("/api/auth/session", await signedIn.get("/api/auth/session"), 200);
  const csv = await signedIn.get("/audit/export");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  await check("CSV export", csv, 200);
  // A link or <img> on another site carries the cookie: the CSV downloads read (and spend the
  // operator's read budget) only for the console's own pages, refused before any read.
  for (const path of ["/audit/export", "/users/act-on-list/00000000-0000-4000-8000-000000000000/results.csv"]) {
    for (const site of ["cross-site", "same-site"]) {
      const refused = await signedIn.get(path, { headers: { "sec-fetch-site": site } });
      expect(refused.status(), `${path} from ${site}`).toBe(403);
      expect(await refused.text()).toContain("only runs from the console's own pages");
    }
  }
  expect((await signedIn.get("/audit/export", { headers: { "sec-fetch-site": "same-origin" } })).status()).toBe(200);
  expect(
    (await signedIn.get("/users/act-on-list/00000000-0000-4000-8000-000000000000/results.csv", { headers: { "sec-fetch-site": "same-origin" } })).status(),
  ).toBe(404);
  await check("signed-in /signin redirect", await signedIn.get("/signin", noRedirect), 307);

  // Next puts the request's nonce on its own scripts and the theme script.
  const first = checked.find((c) => c.what === "/users")!.response;
  const nonce = first.headers()["content-security-policy"]!.match(/'nonce-([^']+)'/)![1]!;
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag, "every script tag carries the nonce").toContain(`nonce="${nonce}"`);
  const nonces = new Set(checked.map((c) => c.response.headers()["content-security-policy"]!.match(/'nonce-([^']+)'/)?.[1]).filter(Boolean));
  expect(nonces.size, "a fresh nonce per response").toBe(checked.filter((c) => /'nonce-/.test(c.response.headers()["content-security-policy"]!)).length);
  await anonymous.dispose();
});

test("an attacker page on another origin cannot frame the console", async ({ page, baseURL }) => {
  const target = `${baseURL}/signin`;
  const attacker = createServer((_request, response) => {
    response.setHeader("content-type", "text/html");
    response.end(`<!doctype html><title>Win a prize</title><iframe id="victim" src="${target}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors|X-Frame-Options/.test(message.text())) refusals.push(message.text());
    });
    const loaded = page.waitForResponse((response) => response.url() === target);
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await loaded;
    await expect.poll(() => refusals.length, { message: "Chromium reports the framing as refused" }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame, "the iframe exists").toBeTruthy();
    // A refused frame holds Chromium's error page, never the console.
    await expect.poll(() => frame!.url()).not.toBe(target);
    await expect(page.frameLocator("#victim").getByRole("heading", { name: "Sign in to Gatehouse" })).toHaveCount(0);
  } finally {
    attacker.close();
  }
});

test("a signed-in operator's sign-in page never redirects off-site", async ({ page, baseURL }) => {
  await signIn(page, "viewer");
  for (const callbackUrl of ["/%09/evil.example", "/%0a/evil.example", "/%5Cevil.example", "//evil.example", "https://evil.example/", "javascript:alert(1)"]) {
    const response = await page.request.get(`/signin?callbackUrl=${callbackUrl}`, noRedirect);
    expect(response.status(), callbackUrl).toBe(307);
    const location = response.headers().location!;
    expect(new URL(location, baseURL).origin, `${callbackUrl} -> ${JSON.stringify(location)}`).toBe(new URL(baseURL!).origin);
    expect(location, callbackUrl).not.toMatch(/[\t\n\r\\]|^\/\//);
  }
  const kept = await page.request.get(`/signin?callbackUrl=${encodeURIComponent("/users?pageSize=50")}`, noRedirect);
  expect(kept.headers().location).toMatch(/\/users\?pageSize=50$/);
});

test("a forged Host or X-Forwarded-Host changes neither the magic link nor redirects", async ({ page, playwright, baseURL }) => {
  const forged = { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: forged });
  const redirect = await anonymous.get("/users", noRedirect);
  expect(new URL(redirect.headers().location!, baseURL).origin).toBe(new URL(baseURL!).origin);

  // The magic link is built from AUTH_URL, whatever the request said about its host.
  const email = operatorEmail("viewer");
  const { csrfToken } = await (await anonymous.get("/api/auth/csrf")).json();
  const posted = await anonymous.post("/api/auth/signin/nodemailer", { form: { email, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  expect(posted.status()).toBeLessThan(400);
  if (posted.headers().location) expect(new URL(posted.headers().location!, baseURL).origin).toBe(new URL(baseURL!).origin);
  const link = await magicLinkFor(email);
  expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
  expect(new URL(new URL(link).searchParams.get("callbackUrl")!, baseURL).origin).toBe(new URL(baseURL!).origin);
  await anonymous.dispose();

  // Chromium will not send a Host of its choosing; the forwarding headers it will.
  await page.setExtraHTTPHeaders({ "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" });
  await page.goto(link);
  await expect(page.getByTestId("operator-role")).toHaveText("viewer");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("the audit records the connecting address, not a client-supplied X-Forwarded-For", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.10" });
  const email = operatorEmail("viewer");
  await requestLink(page, email);
  await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
  await page.goto(await magicLinkFor(email));
  await expect(page.getByTestId("operator-role")).toHaveText("viewer");

  const db = e2eDynamo("default");
  let entry: Record<string, unknown> | undefined;
  await expect
    .poll(async () => {
      entry = (await db.itemsMentioning(db.gatehouse.tableName, email)).find((item) => item.action === "sign-in");
      return entry;
    })
    .toBeTruthy();
  expect(entry!.ip).toBe("127.0.0.1");
});
