import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, test } from "@playwright/test";
import { DEFAULT_SHARDS } from "@/lib/features/activity/keys";
import type { ActivityEvent } from "@/lib/features/activity/schema";
import { type ActivityStore, storeEvents } from "@/lib/features/activity/store";
import { createApiKeyInConsole } from "./support/api-key";
import { startSpecConsoles } from "./support/spec-console";

/**
 * The `gatehouse` CLI (issue 13), run as a script runs it (plain node, no TTY) against a
 * console of this spec's own, with a key created at /settings/api-keys and a user written by
 * the adapter; what the revoke did is checked through the adapter.
 */
test.describe.configure({ mode: "serial" });
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
let url: string;
let key: string;
const keyName = `cli-${randomUUID().slice(0, 6)}`;

const cliPath = path.join(process.cwd(), "cli/gatehouse.mjs");

function gatehouse(args: string[], env: Record<string, string | undefined> = { GATEHOUSE_URL: url, GATEHOUSE_API_KEY: key }) {
  const { GATEHOUSE_URL: _u, GATEHOUSE_API_KEY: _k, ...base } = process.env;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...base, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI left running (`--follow`): its output so far, and its exit once it ends. */
function startGatehouse(args: string[], extraEnv: Record<string, string> = {}) {
  const { GATEHOUSE_URL: _u, GATEHOUSE_API_KEY: _k, ...base } = process.env;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cliPath, ...args], {
    env: { ...base, GATEHOUSE_URL: url, GATEHOUSE_API_KEY: key, ...extraEnv },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const run = { stdout: "", stderr: "", exit: undefined as { code: number | null; signal: NodeJS.Signals | null } | undefined };
  child.stdout.on("data", (chunk) => (run.stdout += chunk));
  child.stderr.on("data", (chunk) => (run.stderr += chunk));
  child.stdin.end();
  child.on("close", (code, signal) => (run.exit = { code, signal }));
  return { child, run };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("cli", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  url = consoles.servers[0]!.url;
  key = await createApiKeyInConsole(browser, url, keyName);
});
test.afterAll(() => consoles?.stop());

test("the by-email lookup answers at /api/v1/emails/{email}/user and, for scripts written before it moved, at /api/v1/users/by-email/{email}", async () => {
  const adapter = DynamoDBAdapter(consoles.doc, consoles.product);
  const email = `cli+alias-${randomUUID().slice(0, 6)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: null, name: "Alias Person" });
  const get = async (pathname: string) => {
    const response = await fetch(`${url}${pathname}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: await response.json() };
  };
  const current = await get(`/api/v1/emails/${encodeURIComponent(email)}/user`);
  expect(current.status).toBe(200);
  expect(current.body.user).toMatchObject({ id: user.id, email });
  const old = await get(`/api/v1/users/by-email/${encodeURIComponent(email)}`);
  expect(old).toEqual(current);
  const missing = `nobody-${randomUUID().slice(0, 6)}@example.com`;
  for (const pathname of [`/api/v1/emails/${encodeURIComponent(missing)}/user`, `/api/v1/users/by-email/${encodeURIComponent(missing)}`]) {
    const answer = await get(pathname);
    expect(answer.status, pathname).toBe(404);
    expect(answer.body.detail, pathname).toBe(`There is no user with the email ${missing}.`);
  }
});

test("find, sessions, a dry run, the revoke, and the audit entry, as tables and as --json; exit codes 0, 1 and 2", async () => {
  test.setTimeout(120_000);
  const adapter = DynamoDBAdapter(consoles.doc, consoles.product);
  const email = `cli-${randomUUID().slice(0, 6)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Cli Person" });
  const tokens = [randomUUID(), randomUUID(), randomUUID()];
  for (const sessionToken of tokens) await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });

  const help = await gatehouse(["--help"], {});
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("Usage: gatehouse");

  const table = await gatehouse(["users", "find", email]);
  expect(table.code, table.stderr).toBe(0);
  expect(table.stdout).toMatch(new RegExp(`^id\\s+${user.id}$`, "m"));
  expect(table.stdout).toMatch(new RegExp(`^email\\s+${email}$`, "m"));
  expect(table.stdout).toMatch(/^sessions\s+3$/m);

  const byId = await gatehouse(["users", "find", user.id, "--json"]);
  expect(byId.code, byId.stderr).toBe(0);
  const found = JSON.parse(byId.stdout);
  expect(found.user).toMatchObject({ id: user.id, email, name: "Cli Person" });
  expect(found.counts).toEqual({ accounts: 0, sessions: 3, verificationTokens: 0 });

  const sessions = await gatehouse(["users", "sessions", email]);
  expect(sessions.code, sessions.stderr).toBe(0);
  expect(sessions.stdout).toMatch(/^FINGERPRINT\s+STATE\s+EXPIRES\s+LAST ACTIVE$/m);
  expect(sessions.stdout).toContain(`3 sessions of ${email}`);
  for (const token of tokens) expect(sessions.stdout + sessions.stderr).not.toContain(token);
  const sessionsJson = JSON.parse((await gatehouse(["--json", "users", "sessions", email])).stdout);
  expect(sessionsJson.sessions).toHaveLength(3);
  expect(Object.keys(sessionsJson.sessions[0]).sort()).toEqual(["expires", "fingerprint", "lastActive", "live", "userId"]);

  const dry = await gatehouse(["sessions", "revoke", email, "--reason", "cli e2e", "--dry-run", "--json"]);
  expect(dry.code, dry.stderr).toBe(0);
  expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, preview: { user: { id: user.id, email }, sessions: 3 } });
  for (const sessionToken of tokens) expect(await adapter.getSessionAndUser!(sessionToken)).not.toBeNull();

  // Per-session revoke is not on this server yet: bad usage, and nothing changed.
  const one = await gatehouse(["sessions", "revoke", email, "--reason", "cli e2e", "--fingerprint", sessionsJson.sessions[0].fingerprint, "--yes"]);
  if (one.code === 2) expect(one.stderr).toContain("not supported by this server yet");
  else expect(one.code, one.stderr).toBe(0);

  const revoke = await gatehouse(["sessions", "revoke", email, "--reason", "cli e2e", "--yes"]);
  expect(revoke.code, revoke.stderr).toBe(0);
  expect(revoke.stdout).toMatch(/^ok: /);
  for (const sessionToken of tokens) expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull();

  const audit = await gatehouse(["audit", "--since", "1h", "--json"]);
  expect(audit.code, audit.stderr).toBe(0);
  const entry = JSON.parse(audit.stdout).entries.find(
    (e: { action: string; target: { userId?: string } }) => e.action === "revoke-all-sessions" && e.target.userId === user.id,
  );
  expect(entry).toMatchObject({ result: "ok", reason: "cli e2e", apiKey: { name: keyName } });
  expect(entry.apiKey.id).toEqual(expect.any(String));
  const auditTable = await gatehouse(["audit", "--since", "1h"]);
  expect(auditTable.stdout).toMatch(/^AT\s+OPERATOR\s+ACTION\s+TARGET\s+RESULT\s+REASON$/m);
  expect(auditTable.stdout).toContain(`(key ${keyName})`);

  const noKey = await gatehouse(["users", "find", email], { GATEHOUSE_URL: url });
  expect(noKey.code).toBe(2);
  expect(noKey.stderr).toContain("GATEHOUSE_API_KEY");
  expect((await gatehouse(["sessions", "revoke", email])).code).toBe(2); // --reason is required
  expect((await gatehouse(["audit", "--since", "soon"])).code).toBe(2);

  const badKey = await gatehouse(["users", "find", email], { GATEHOUSE_URL: url, GATEHOUSE_API_KEY: "gh_not-a-real-key" });
  expect(badKey.code).toBe(1);
  expect(badKey.stderr).toContain("Unauthenticated (401)");
  const flagKey = await gatehouse(["--url", url, "--key", key, "users", "find", `nobody-${randomUUID().slice(0, 6)}@example.com`], {});
  expect(flagKey.code).toBe(1);
  expect(flagKey.stderr).toMatch(/Not found \(404\): There is no user with the email/);
});

test("block --for 1h then unblock; export -o a file (no token values); delete --dry-run keeps the user, delete --yes removes it", async () => {
  test.setTimeout(120_000);
  const adapter = DynamoDBAdapter(consoles.doc, consoles.product);
  const email = `cli-act-${randomUUID().slice(0, 6)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Cli Actions" });
  const access = `at-${randomUUID()}`;
  const sessionToken = randomUUID();
  await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: `gh-${user.id.slice(0, 8)}`, access_token: access });
  await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });

  const badFor = await gatehouse(["users", "block", email, "--for", "2d", "--reason", "cli e2e"]);
  expect(badFor.code).toBe(2);
  const block = await gatehouse(["users", "block", email, "--for", "1h", "--reason", "cli e2e", "--yes", "--json"]);
  expect(block.code, block.stderr).toBe(0);
  expect(JSON.parse(block.stdout)).toMatchObject({ dryRun: false, result: "ok" });
  expect(JSON.parse((await gatehouse(["users", "find", email, "--json"])).stdout).user.block).toMatchObject({ active: true, reason: "cli e2e" });
  expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull();
  const unblock = await gatehouse(["users", "unblock", email, "--reason", "cli e2e"]);
  expect(unblock.code, unblock.stderr).toBe(0);
  expect(unblock.stdout).toMatch(/^ok: /);
  expect(JSON.parse((await gatehouse(["users", "find", email, "--json"])).stdout).user.block?.active ?? false).toBe(false);

  const dir = await mkdtemp(path.join(tmpdir(), "gatehouse-cli-e2e-"));
  try {
    const file = path.join(dir, "export.json");
    const exported = await gatehouse(["users", "export", email, "-o", file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Exported ${email} to ${file}`);
    const text = await readFile(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ userId: user.id });
    expect(text).not.toContain(access);
    expect(text).not.toContain(sessionToken);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const dry = await gatehouse(["users", "delete", email, "--reason", "cli e2e", "--dry-run", "--json"]);
  expect(dry.code, dry.stderr).toBe(0);
  expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, preview: { user: { id: user.id, email } } });
  expect(await adapter.getUser!(user.id)).not.toBeNull();
  const removed = await gatehouse(["users", "delete", email, "--reason", "cli e2e", "--yes"]);
  expect(removed.code, removed.stderr).toBe(0);
  expect(removed.stdout).toMatch(/^ok: /);
  expect(await adapter.getUser!(user.id)).toBeNull();
  expect((await gatehouse(["users", "find", user.id])).code).toBe(1);
});

test("audit: an address with ESC[8m in a refused sign-in is printed without it, and the rows after it stay visible; --json keeps it exact", async () => {
  const { gatehouse: table, doc } = consoles;
  const tag = randomUUID().slice(0, 6);
  const hostile = `eve-${tag}\x1b[8m@evil.test`;
  // Two refused sign-ins as the sign-in gate records them, the hostile one newest, a minute apart.
  const entries = [
    { email: hostile, ago: 60_000 },
    { email: `after-${tag}@example.com`, ago: 120_000 },
  ];
  for (const [i, { email, ago }] of entries.entries()) {
    const at = new Date(Date.now() - ago).toISOString();
    const id = `${at}~cli-controls-${i}-${tag}`;
    await doc.put({
      TableName: table.tableName,
      Item: {
        [table.partitionKey]: `AUDIT#${at.slice(0, 10)}`,
        [table.sortKey]: id,
        type: "AUDIT",
        at,
        operatorEmail: email,
        operatorRole: "none",
        action: "sign-in-refused",
        target: { email },
        reason: null,
        result: "refused",
        counts: {},
        message: `Not on the allow-list: ${email}`,
        requestId: `cli-controls-${i}`,
        ip: "127.0.0.1",
        userAgent: "e2e",
      },
    });
  }
  const human = await gatehouse(["audit", "--since", "10m"]);
  expect(human.code, human.stderr).toBe(0);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts that no control character reaches the terminal
  expect(human.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  expect(human.stdout).toMatch(new RegExp(`eve-${tag}@evil\\.test\\s+sign-in-refused\\s+eve-${tag}@evil\\.test\\s+refused`));
  expect(human.stdout).toMatch(new RegExp(`after-${tag}@example\\.com\\s+sign-in-refused\\s+after-${tag}@example\\.com\\s+refused`));
  const asJson = await gatehouse(["audit", "--since", "10m", "--json"]);
  expect(asJson.code, asJson.stderr).toBe(0);
  const mine = JSON.parse(asJson.stdout).entries.filter((e: { requestId?: string; target: { email?: string } }) => e.target.email?.includes(tag));
  expect(mine.map((e: { target: { email: string } }) => e.target.email)).toEqual([hostile, `after-${tag}@example.com`]);
});

test("activity and stats: --json shapes and tables; --follow prints an event stored after it started, and SIGINT ends it with exit 0", async () => {
  test.setTimeout(120_000);
  // This console reads no stream (GATEHOUSE_ACTIVITY is off off the embedded engine): events are stored as the consumer stores them.
  const store: ActivityStore = { doc: consoles.doc, schema: consoles.gatehouse, retentionDays: 90, shards: DEFAULT_SHARDS };
  const tag = randomUUID().slice(0, 8);
  const userId = `cli-activity-${tag}`;
  const email = `act-${tag}@example.com`;
  const at = (ago: number) => new Date(Date.now() - ago).toISOString();
  const before: ActivityEvent[] = [
    { id: `${tag}-1`, type: "sign-up", at: at(120_000), by: "product", userId, email },
    {
      id: `${tag}-2`,
      type: "sign-in",
      at: at(60_000),
      by: "product",
      userId,
      email: `act-${tag}\x1b[8m@evil.test`,
      provider: "github",
      providerAccountId: `gh-${tag}`,
    },
  ];
  expect(await storeEvents(store, before)).toEqual({ stored: 2, duplicates: 0 });

  const listed = await gatehouse(["activity", "--since", "1h", "--json"]);
  expect(listed.code, listed.stderr).toBe(0);
  const feed = JSON.parse(listed.stdout);
  expect(Object.keys(feed)).toEqual(["events"]);
  const mine = feed.events.filter((e: ActivityEvent) => e.userId === userId);
  expect(mine).toEqual([...before].reverse());
  for (const e of feed.events) expect(e).toMatchObject({ id: expect.any(String), type: expect.any(String), at: expect.any(String), by: expect.any(String) });

  const table = await gatehouse(["activity", "--since", "1h", "--user", userId]);
  expect(table.code, table.stderr).toBe(0);
  expect(table.stdout).toMatch(/^AT\s+EVENT\s+USER\/ADDRESS\s+PROVIDER\/ACCOUNT\s+BY$/m);
  expect(table.stdout).toMatch(new RegExp(`sign-in\\s+act-${tag}@evil\\.test\\s+github gh-${tag}\\s+product$`, "m"));
  expect(table.stdout).toMatch(new RegExp(`sign-up\\s+act-${tag}@example\\.com\\s+-\\s+product$`, "m"));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts that no control character reaches the terminal
  expect(table.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  const filtered = JSON.parse((await gatehouse(["activity", "--since", "1h", "--type", "sign-in", "--provider", "github", "--json"])).stdout);
  expect(filtered.events.map((e: ActivityEvent) => e.id)).toContain(`${tag}-2`);
  expect(filtered.events.every((e: ActivityEvent) => e.type === "sign-in" && e.provider === "github")).toBe(true);

  const stats = await gatehouse(["stats", "--days", "2", "--json"]);
  expect(stats.code, stats.stderr).toBe(0);
  const figures = JSON.parse(stats.stdout);
  expect(Object.keys(figures).sort()).toEqual(["days", "from", "months", "providers", "to"]);
  expect(figures.days).toHaveLength(2);
  const day = figures.days.find((d: { day: string }) => d.day === before[1]!.at.slice(0, 10));
  expect(day.figures).toMatchObject({ signIns: expect.any(Number), "signIns:github": expect.any(Number), dau: expect.any(Number) });
  expect(day.figures.signIns).toBeGreaterThanOrEqual(1);
  expect(figures.months).toContainEqual({ month: before[1]!.at.slice(0, 7), mau: expect.any(Number) });
  expect(figures.providers).toContain("github");
  const statsTable = await gatehouse(["stats", "--days", "2"]);
  expect(statsTable.code, statsTable.stderr).toBe(0);
  expect(statsTable.stdout).toMatch(/^DAY\s+SIGN-UPS\s+SIGN-INS\s+DAU\s+LINKS REQ\s+LINKS USED\s+SESSIONS$/m);
  expect(statsTable.stdout).toMatch(/^TOTAL\s+\d+\s+\d+\s+-\s+/m);
  expect(statsTable.stdout).toMatch(/^github\s+\d+$/m);

  const { child, run } = startGatehouse(["activity", "--follow", "--json", "--user", userId], { GATEHOUSE_FOLLOW_INTERVAL_MS: "200" });
  try {
    const lines = () =>
      run.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ActivityEvent);
    await expect.poll(() => lines().length, { timeout: 30_000 }).toBe(2);
    expect(lines()).toEqual(before);
    const after: ActivityEvent = { id: `${tag}-3`, type: "session-created", at: at(0), by: "product", userId, fingerprint: `fp-${tag}` };
    expect(await storeEvents(store, [after])).toEqual({ stored: 1, duplicates: 0 });
    await expect.poll(() => lines().length, { timeout: 30_000 }).toBe(3);
    expect(lines()).toEqual([...before, after]);
    child.kill("SIGINT");
    await expect.poll(() => run.exit, { timeout: 30_000 }).toBeDefined();
    expect(run.exit, run.stderr).toEqual({ code: 0, signal: null });
    expect(run.stderr).toBe("");
    expect(lines()).toHaveLength(3);
  } finally {
    if (!run.exit) child.kill("SIGKILL");
  }
});
