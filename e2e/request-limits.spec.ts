import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { hydrated } from "./support/hydration";
import { signIn } from "./support/operators";
import { startSpecConsoles } from "./support/spec-console";

/**
 * Request bodies (issue 18): server actions take Next's default 1 MB; only the Act on a list
 * upload takes more, through its own route (4 MB, read with a cap), on a console of this spec's
 * own so the jobs it creates touch no other spec's counts.
 */
test.describe.configure({ mode: "serial" });
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
let admin: BrowserContext;
let page: Page;

const UPLOAD = "/users/act-on-list/jobs";
const MB = 1024 * 1024;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("request-limits", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  admin = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  page = await admin.newPage();
  await signIn(page, "admin");
});
test.afterAll(async () => {
  await admin?.close();
  consoles?.stop();
});

/** The headers chromium sends with a fetch from the console's own page. */
const sameOrigin = () => ({ origin: consoles.servers[0]!.url, "sec-fetch-site": "same-origin", "content-type": "application/json" });

/** 10,000 ids of 254 characters: the largest list a job takes, about 2.5 MB of JSON. */
const largestList = () => Array.from({ length: 10_000 }, (_, i) => `${String(i).padStart(5, "0")}-${"x".repeat(248)}`);

test("a server action body over 1 MB is refused before the action runs", async () => {
  await page.goto("/users/act-on-list");
  const list = page.getByLabel("Emails or user ids, one per line");
  await hydrated(list);
  await list.fill("nobody@example.com");
  // The resolve action's real request, to learn its id and headers.
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Resolve" }).click(),
  ]);
  const headers = { ...(await request.allHeaders()) };
  for (const name of ["content-length", "cookie", "host", "connection", "accept-encoding"]) delete headers[name];
  // A field the action's schema drops pads the body; React decodes it as one string (not an array, which it limits itself).
  const send = (padding: number) =>
    page.request.post("/users/act-on-list", { headers, data: JSON.stringify([{ entries: ["nobody@example.com"], pad: "x".repeat(padding) }]) });

  // Under the limit the action runs and answers (nobody found).
  const small = await send(500_000);
  expect(small.status()).toBe(200);
  expect(await small.text()).toContain('"resolved"');
  // 1.5 MB: refused by Next before the action is called.
  const big = await send(1_500_000);
  expect(big.status()).not.toBe(200);
  expect(await big.text()).not.toContain('"resolved"');
});

test("the list upload route takes the largest valid list (10,000 entries of 254 characters) and creates its job", async () => {
  const entries = largestList();
  const body = JSON.stringify({ action: "revoke-all", entries, reason: "request limits e2e" });
  expect(Buffer.byteLength(body)).toBeGreaterThan(2.4 * MB);
  const response = await page.request.post(UPLOAD, { headers: sameOrigin(), data: body });
  expect(response.status(), await response.text()).toBe(200);
  const result = await response.json();
  expect(result).toMatchObject({ ok: true, job: { action: "revoke-all", total: 10_000, processed: 0, state: "running" } });
  await page.goto(`/users/act-on-list?job=${result.job.id}`);
  await expect(page.getByTestId("job-state")).toBeVisible();
});

test("an upload over 4 MB gets a 413 with a clear message, by its Content-Length or, without one, as it is read", async () => {
  const body = JSON.stringify({ action: "revoke-all", entries: Array.from({ length: 17_000 }, () => "x".repeat(250)), reason: "too big" });
  expect(Buffer.byteLength(body)).toBeGreaterThan(4 * MB);
  const declared = await page.request.post(UPLOAD, { headers: sameOrigin(), data: body });
  expect(declared.status()).toBe(413);
  expect((await declared.json()).error).toBe("The list is too large: the upload takes at most 4 MB (10,000 entries of up to 254 characters).");

  // Chunked, with no Content-Length to trust: the route stops reading at 4 MB.
  const cookie = (await admin.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const bytes = new TextEncoder().encode(body);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(sent, sent + 64 * 1024));
      sent += 64 * 1024;
    },
  });
  const chunked = await fetch(`${consoles.servers[0]!.url}${UPLOAD}`, {
    method: "POST",
    headers: { ...sameOrigin(), cookie },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(413);
  expect(((await chunked.json()) as { error: string }).error).toContain("at most 4 MB");
});

test("the upload route refuses cross-site requests, other content types, bad input and viewers, and creates nothing", async ({ browser }) => {
  const body = JSON.stringify({ action: "revoke-all", entries: ["u-1"], reason: "refusals" });
  const crossSite = await page.request.post(UPLOAD, {
    headers: { ...sameOrigin(), origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: body,
  });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error).toContain("only runs from the console's own page");
  const form = await page.request.post(UPLOAD, { headers: { ...sameOrigin(), "content-type": "text/plain" }, data: body });
  expect(form.status()).toBe(415);
  const invalid = await page.request.post(UPLOAD, { headers: sameOrigin(), data: JSON.stringify({ action: "revoke-all", entries: [], reason: "refusals" }) });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toBe("The list is empty.");
  const broken = await page.request.post(UPLOAD, { headers: sameOrigin(), data: "{not json" });
  expect(broken.status()).toBe(400);

  const viewer = await browser.newContext({ baseURL: consoles.servers[0]!.url });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage, "viewer");
  const refused = await viewerPage.request.post(UPLOAD, { headers: sameOrigin(), data: body });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ ok: false, refused: true });
  await viewer.close();
  const anonymous = await fetch(`${consoles.servers[0]!.url}${UPLOAD}`, { method: "POST", headers: sameOrigin(), body, redirect: "manual" });
  expect([307, 401]).toContain(anonymous.status);

  // Only the job of the previous test exists.
  await page.goto("/users/act-on-list");
  await expect(page.getByRole("table", { name: "Recent list jobs" }).getByRole("row")).toHaveCount(2);
});
