import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { type Scope, scopes, scopesFor } from "@/lib/auth/roles";
import type { TableSchema } from "@/lib/config";
import { callRoute, type RouteHandler } from "./api-call";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

type Handler = RouteHandler;
const writeScopes = scopes.filter((scope) => scope !== "read");

/** The requests limit of one key in these tests (api-key in GATEHOUSE_RATE_LIMITS). */
const KEY_LIMIT = 40;
/** Failed keys, and fetches of the OpenAPI document, per client address (api-auth, api-docs). */
const AUTH_LIMIT = 5;
const DOCS_LIMIT = 8;
const PEER_CHAIN_HEADER = "x-gatehouse-peer-chain";
/** A client address of its own for each request unless a test names one: the per-address limits then count only that test's. */
const anyAddress = () => `10.${[...randomBytes(3)].join(".")}`;
/** The limiter's clock in the tests that count to a limit: held at one instant, so no window edge falls among their requests. */
const LIMIT_CLOCK = Date.parse("2026-06-01T12:00:30.000Z");
async function atHeldLimitClock<T>(work: () => Promise<T>): Promise<T> {
  const { holdLimitClock } = await import("@/lib/limits/clock");
  holdLimitClock(LIMIT_CLOCK);
  try {
    return await work();
  } finally {
    holdLimitClock(null);
  }
}

/**
 * The management API, its route handlers called in-process with real Requests, on DynamoDB
 * Local with data written by the real adapter. Run once per schema by the *.test.ts files
 * beside the API (custom: the Gatehouse table is the product table, with its custom key names).
 */
export function apiSuite(names: "default" | "custom") {
  const schema: TableSchema = testSchema(`api-${names}`, names);
  const admin = testOperator("ana@ops.test", "admin", 1);
  const staleAdmin = testOperator("ana@ops.test", "admin", 60);
  const viewer = testOperator("vic@view.test", "viewer", 1);
  const secrets: string[] = [];
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let keys: typeof import("@/lib/features/api-keys/server");
  let keyAuth: typeof import("@/lib/auth/api-key-authentication");
  let audit: typeof import("@/lib/features/audit/server");
  let table: ReturnType<typeof import("@/lib/dynamo/gatehouse-table").gatehouseTable>;
  let hashApiKey: (key: string) => string;
  let fingerprint: (secret: string) => string;
  let routes: Record<string, Handler>;
  let alice: { id: string; email: string; tokens: string[] };
  let bob: { id: string; email: string; tokens: string[] };
  const key: Record<string, string> = {};
  let jobId = "";
  const keyId: Record<string, string> = {};

  async function makeUser(label: string, sessions: number, options: { verified?: boolean } = {}) {
    const email = `${label}-${randomUUID().slice(0, 6)}@example.com`;
    const user = await adapter.createUser!({ id: "", email, emailVerified: options.verified === false ? null : new Date(), name: label });
    const access = `gho_${randomUUID()}`;
    const refresh = `ghr_${randomUUID()}`;
    const idToken = `eyJ.${randomUUID()}.sig`;
    secrets.push(access, refresh, idToken);
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: `gh-${user.id}`,
      access_token: access,
      refresh_token: refresh,
      id_token: idToken,
    });
    const tokens: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const sessionToken = randomUUID();
      tokens.push(sessionToken);
      secrets.push(sessionToken);
      await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
    }
    return { id: user.id, email, tokens };
  }

  async function createKey(label: string, granted: readonly Scope[]) {
    const created = await keys.createApiKey(admin, { name: `${label} key`, scopes: [...granted], expiresInDays: 30 });
    key[label] = created.key;
    keyId[label] = created.row.id;
    secrets.push(created.key, hashApiKey(created.key));
    return created;
  }

  const setKeyAttribute = (label: string, attribute: string, value: unknown) =>
    dynamo.doc.update({
      TableName: table.schema.tableName,
      Key: table.apiKeyKey(hashApiKey(key[label]!)),
      UpdateExpression: "SET #a = :v",
      ExpressionAttributeNames: { "#a": attribute },
      ExpressionAttributeValues: { ":v": value },
    });

  async function call(
    name: string,
    options: {
      key?: string | null;
      params?: Record<string, string>;
      query?: Record<string, string>;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      address?: string;
    } = {},
  ) {
    return callRoute(routes[name]!, { ...options, headers: { [PEER_CHAIN_HEADER]: options.address ?? anyAddress(), ...options.headers } });
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, schema, {
      ...(names === "custom" ? { gatehouse: schema } : {}),
      env: { GATEHOUSE_RATE_LIMITS: `api-key=${KEY_LIMIT}/1m,api-auth=${AUTH_LIMIT}/1m,api-docs=${DOCS_LIMIT}/1m` },
    });
    adapter = DynamoDBAdapter(dynamo.doc, schema);
    keys = await import("@/lib/features/api-keys/server");
    keyAuth = await import("@/lib/auth/api-key-authentication");
    audit = await import("@/lib/features/audit/server");
    table = (await import("@/lib/dynamo/gatehouse-table")).gatehouseTable();
    hashApiKey = (await import("@/lib/auth/api-key")).hashApiKey;
    fingerprint = (await import("@/lib/secrets")).fingerprint;
    routes = {
      listUsers: (await import("@/app/api/v1/users/route")).GET as Handler,
      search: (await import("@/app/api/v1/users/search/route")).GET as Handler,
      getUser: (await import("@/app/api/v1/users/[id]/route")).GET as Handler,
      byEmail: (await import("@/app/api/v1/emails/[email]/user/route")).GET as Handler,
      accounts: (await import("@/app/api/v1/users/[id]/accounts/route")).GET as Handler,
      sessions: (await import("@/app/api/v1/users/[id]/sessions/route")).GET as Handler,
      revokeAll: (await import("@/app/api/v1/users/[id]/sessions/revoke-all/route")).POST as Handler,
      revokeSession: (await import("@/app/api/v1/users/[id]/sessions/[fingerprint]/revoke/route")).POST as Handler,
      unlink: (await import("@/app/api/v1/users/[id]/accounts/unlink/route")).POST as Handler,
      block: (await import("@/app/api/v1/users/[id]/block/route")).POST as Handler,
      unblock: (await import("@/app/api/v1/users/[id]/unblock/route")).POST as Handler,
      deleteUser: (await import("@/app/api/v1/users/[id]/route")).DELETE as Handler,
      history: (await import("@/app/api/v1/users/[id]/history/route")).GET as Handler,
      exportUser: (await import("@/app/api/v1/users/[id]/export/route")).GET as Handler,
      audit: (await import("@/app/api/v1/audit/route")).GET as Handler,
      activity: (await import("@/app/api/v1/activity/route")).GET as Handler,
      stats: (await import("@/app/api/v1/stats/route")).GET as Handler,
      openapi: (await import("@/app/api/v1/openapi.json/route")).GET as Handler,
      createJob: (await import("@/app/api/v1/jobs/route")).POST as Handler,
      job: (await import("@/app/api/v1/jobs/[id]/route")).GET as Handler,
      jobResults: (await import("@/app/api/v1/jobs/[id]/results/route")).GET as Handler,
    };
    alice = await makeUser("alice", 3);
    bob = await makeUser("bob", 2);
    for (const scope of scopes) await createKey(scope, [scope]);
    // A dry run is a read: it needs read beside the action's scope.
    for (const scope of writeScopes) await createKey(`read+${scope}`, ["read", scope]);
    await createKey("viewer", scopesFor("viewer"));
    await createKey("admin", scopesFor("admin"));
    await createKey("revoked", scopesFor("admin"));
    await keys.revokeApiKey(admin, { id: keyId.revoked! });
    await createKey("expired", scopesFor("admin"));
    await setKeyAttribute("expired", "expiresAt", new Date(Date.now() - 1000).toISOString());
    await createKey("orphaned", scopesFor("admin"));
    // Its creator was taken off GATEHOUSE_ADMINS (@ops.test) since.
    await setKeyAttribute("orphaned", "createdBy", "former@elsewhere.test");
    const jobs = { ...(await import("@/lib/features/list-jobs/server")), ...(await import("@/lib/features/list-jobs/step")) };
    // A finished job of its own user, for the job status and results endpoints.
    const listed = await makeUser("listed", 1);
    let job = await jobs.createListJob(admin, { action: "revoke-all", entries: [listed.email, "nobody@example.com"], reason: "matrix job" });
    while (job.cursor) ({ job } = await jobs.stepListJob(admin, { jobId: job.id, cursor: job.cursor }));
    jobId = job.id;
  });
  after(() => dynamo?.stop());

  /** Every endpoint with arguments that succeed for a key holding its scope (and read, for a dry run). */
  const endpoints = (): { name: string; params?: Record<string, string>; query?: Record<string, string>; body?: unknown }[] => [
    { name: "listUsers" },
    { name: "search", query: { q: alice.email } },
    { name: "getUser", params: { id: alice.id } },
    { name: "byEmail", params: { email: alice.email } },
    { name: "accounts", params: { id: alice.id } },
    { name: "sessions", params: { id: alice.id } },
    { name: "audit" },
    { name: "activity", query: { user: alice.id } },
    { name: "stats", query: { from: "2026-11-01", to: "2026-11-30" } },
    { name: "revokeAll", params: { id: alice.id }, body: { reason: "matrix dry run", dryRun: true } },
    { name: "revokeSession", params: { id: alice.id, fingerprint: fingerprint(alice.tokens[0]!) }, body: { dryRun: true } },
    { name: "unlink", params: { id: alice.id }, body: { provider: "github", providerAccountId: `gh-${alice.id}`, dryRun: true } },
    { name: "block", params: { id: alice.id }, body: { for: "24h", reason: "matrix dry run", dryRun: true } },
    { name: "unblock", params: { id: alice.id }, body: { dryRun: true } },
    { name: "deleteUser", params: { id: alice.id }, body: { reason: "matrix dry run", dryRun: true } },
    { name: "history", params: { id: alice.id } },
    { name: "exportUser", params: { id: alice.id } },
    { name: "openapi" },
    { name: "createJob", body: { action: "revoke-all", entries: [alice.email, bob.id], reason: "matrix dry run", dryRun: true } },
    { name: "job", params: { id: jobId } },
    { name: "jobResults", params: { id: jobId } },
  ];

  describe(`API keys (${names} schema)`, () => {
    test("creating needs a console admin with a recent sign-in; the list shows no key and no hash", async () => {
      const input = { name: "nope", scopes: ["read" as const], expiresInDays: 7 };
      await assert.rejects(keys.createApiKey(viewer, input), /admin role/);
      await assert.rejects(keys.createApiKey(staleAdmin, input), /sign in again/i);
      await assert.rejects(keys.createApiKey(null, input), /Sign in first/);
      const auth = await keyAuth.authenticateApiKey(key.admin!);
      assert.ok(auth.ok);
      await assert.rejects(keys.createApiKey(auth.operator, input), /API keys cannot/);
      await assert.rejects(keys.listApiKeys(auth.operator), /API keys cannot/);
      await assert.rejects(keys.revokeApiKey(auth.operator, { id: keyId.read! }), /API keys cannot/);

      const { keys: listed } = await keys.listApiKeys(admin);
      const text = JSON.stringify(listed);
      for (const label of Object.keys(key)) {
        assert.ok(!text.includes(key[label]!), "no key in the list");
        assert.ok(!text.includes(hashApiKey(key[label]!)), "no hash in the list");
      }
      const byId = new Map(listed.map((k) => [k.id, k]));
      assert.equal(byId.get(keyId.revoked!)?.status, "revoked");
      assert.equal(byId.get(keyId.expired!)?.status, "expired");
      assert.equal(byId.get(keyId.read!)?.status, "active");
      assert.deepEqual(byId.get(keyId.read!)?.scopes, ["read"]);
      assert.equal(byId.get(keyId.read!)?.createdBy, "ana@ops.test");
      // Newest first: one Query on the listing partition.
      assert.deepEqual(
        listed.map((k) => k.createdAt),
        [...listed.map((k) => k.createdAt)].sort().reverse(),
      );
    });

    test("lifecycle: a new key authenticates; revoked or expired → 401; creator no longer an admin → 403", async () => {
      const created = await createKey("lifecycle", ["read"]);
      assert.equal((await call("listUsers", { key: created.key })).status, 200);
      const used = (await keys.listApiKeys(admin)).keys.find((k) => k.id === created.row.id);
      assert.ok(used?.lastUsedAt, "last used is recorded");
      await keys.revokeApiKey(admin, { id: created.row.id });
      const revoked = await call("listUsers", { key: created.key });
      assert.equal(revoked.status, 401);
      assert.match(revoked.json.detail, /revoked/);
      assert.equal(revoked.headers.get("www-authenticate"), 'Bearer realm="gatehouse"');
      assert.equal((await call("listUsers", { key: key.expired })).status, 401);
      const orphaned = await call("listUsers", { key: key.orphaned });
      assert.equal(orphaned.status, 403);
      assert.match(orphaned.json.detail, /no longer an admin/);
      const again = await keys.revokeApiKey(admin, { id: created.row.id });
      assert.match(again.message, /already revoked/);
      const entries = (await audit.listAudit(admin, { target: created.row.id }, { pageSize: 100 })).entries;
      assert.deepEqual(entries.map((e) => e.action).sort(), ["api-read", "create-api-key", "revoke-api-key", "revoke-api-key"]);
      assert.ok(entries.every((e) => e.operatorEmail === "ana@ops.test" && e.target.apiKeyName === "lifecycle key" && e.result === "ok"));
    });

    test("last used is written at most once a minute per key", async () => {
      const created = await createKey("touch", ["read"]);
      const sent: string[] = [];
      const original = table.doc.send.bind(table.doc);
      (table.doc as { send: unknown }).send = (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        sent.push(command.constructor.name);
        return (original as (...a: unknown[]) => unknown)(command, ...rest);
      };
      try {
        for (let i = 0; i < 3; i++) assert.ok((await keyAuth.authenticateApiKey(created.key)).ok);
      } finally {
        (table.doc as { send: unknown }).send = original;
      }
      assert.equal(sent.filter((c) => c === "UpdateCommand").length, 1, sent.join(","));
    });

    test("authorization matrix: every endpoint against anonymous, bad, expired, revoked, orphaned keys, each scope, viewer and admin", async () => {
      const principals: { label: string; key: string | null; allowed: (needed: Scope[]) => boolean | number }[] = [
        { label: "anonymous", key: null, allowed: () => 401 },
        { label: "not a key", key: "gh_not-a-key", allowed: () => 401 },
        { label: "unknown key", key: `gh_${"A".repeat(43)}`, allowed: () => 401 },
        { label: "expired", key: key.expired!, allowed: () => 401 },
        { label: "revoked", key: key.revoked!, allowed: () => 401 },
        { label: "orphaned", key: key.orphaned!, allowed: () => 403 },
        ...scopes.map((scope) => ({ label: scope, key: key[scope]!, allowed: (needed: Scope[]) => needed.every((s) => s === scope) })),
        ...writeScopes.map((scope) => ({
          label: `read+${scope}`,
          key: key[`read+${scope}`]!,
          allowed: (needed: Scope[]) => needed.every((s) => s === scope || s === "read"),
        })),
        { label: "viewer", key: key.viewer!, allowed: (needed: Scope[]) => needed.every((s) => s === "read") },
        { label: "admin", key: key.admin!, allowed: () => true },
      ];
      const failures: string[] = [];
      for (const endpoint of endpoints()) {
        const scope = routes[endpoint.name]!.route.scope;
        // Every POST and DELETE here is a dry run: a read, so it needs read beside the action's scope.
        const needed: Scope[] = scope === null ? [] : routes[endpoint.name]!.route.method === "GET" ? [scope] : [scope, "read"];
        for (const principal of principals) {
          const verdict = scope === null ? true : principal.allowed(needed);
          const expected = verdict === true ? 200 : verdict === false ? 403 : verdict;
          const { status, headers } = await call(endpoint.name, { ...endpoint, key: principal.key });
          if (status !== expected) failures.push(`${endpoint.name} as ${principal.label}: ${status}, expected ${expected}`);
          if (status >= 400 && headers.get("content-type") !== "application/problem+json")
            failures.push(`${endpoint.name} as ${principal.label}: ${headers.get("content-type")}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test("the console's cookie is not accepted by the API", async () => {
      const { status } = await call("listUsers", { headers: { cookie: `authjs.session-token=${randomUUID()}` } });
      assert.equal(status, 401);
    });

    test("dryRun returns the dialog's preview and changes nothing; the real call revokes and is audited with the key", async () => {
      const before = (await audit.listAudit(admin, { action: "revoke-all-sessions" }, { pageSize: 100 })).entries.length;
      const dry = await call("revokeAll", { key: key["read+sessions:write"], params: { id: bob.id }, body: { reason: "suspicious sign-ins", dryRun: true } });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.json.dryRun, true);
      assert.equal(dry.json.preview.sessions, 2);
      assert.equal(dry.json.preview.user.email, bob.email);
      assert.match(dry.json.preview.summary, new RegExp(`^2 sessions of ${bob.email.replace(/[.]/g, "\\.")}: …[0-9a-f]{10}, …[0-9a-f]{10}$`));
      for (const token of bob.tokens) assert.ok(await adapter.getSessionAndUser!(token), "the session still works");
      const user = (await adapter.getUser!(bob.id)) as unknown as Record<string, unknown>;
      assert.equal(user.gatehouseRevokedAt, undefined, "no revocation time was stamped");
      assert.equal((await audit.listAudit(admin, { action: "revoke-all-sessions" }, { pageSize: 100 })).entries.length, before, "nothing audited");

      const real = await call("revokeAll", { key: key["sessions:write"], params: { id: bob.id }, body: { reason: "suspicious sign-ins" } });
      assert.equal(real.status, 200, real.text);
      assert.equal(real.json.dryRun, false);
      assert.equal(real.json.result, "ok");
      assert.equal(real.json.counts.revoked, 2);
      for (const token of bob.tokens) assert.equal(await adapter.getSessionAndUser!(token), null, "signed out");
      const entry = (await audit.listAudit(admin, { action: "revoke-all-sessions" }, { pageSize: 100 })).entries.find((e) => e.id === real.json.auditId);
      assert.ok(entry);
      assert.deepEqual(entry.apiKey, { id: keyId["sessions:write"], name: "sessions:write key" });
      assert.equal(entry.operatorEmail, "ana@ops.test");
      assert.equal(entry.operatorRole, "api-key");
      assert.equal(entry.reason, "suspicious sign-ins");
    });

    test("revoke one session by fingerprint: dryRun shows the Revoke dialog's text and changes nothing; the real call ends only that session", async () => {
      const carol = await makeUser("carol", 2);
      const [doomed, kept] = carol.tokens as [string, string];
      const fp = fingerprint(doomed);
      const dry = await call("revokeSession", { key: key["read+sessions:write"], params: { id: carol.id, fingerprint: fp }, body: { dryRun: true } });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.json.dryRun, true);
      assert.deepEqual(dry.json.preview.user, { id: carol.id, email: carol.email });
      assert.equal(dry.json.preview.session.fingerprint, fp);
      assert.equal(dry.json.preview.session.live, true);
      const { revokeSessionSummary } = await import("@/lib/features/revoke/preview");
      assert.equal(
        dry.json.preview.summary,
        revokeSessionSummary({ fingerprint: fp, owner: carol.email, expires: dry.json.preview.session.expires }, Date.now()),
      );
      assert.equal(dry.json.preview.summary, `Session …${fp} of ${carol.email}, expires in 1 h`);
      assert.ok(await adapter.getSessionAndUser!(doomed), "the session still works");
      assert.deepEqual((await audit.listAudit(admin, { target: carol.id }, { pageSize: 100 })).entries, [], "nothing audited");
      assert.ok(!dry.text.includes(doomed), "no token in the answer");

      const real = await call("revokeSession", { key: key["sessions:write"], params: { id: carol.id, fingerprint: fp }, body: {} });
      assert.equal(real.status, 200, real.text);
      assert.equal(real.json.dryRun, false);
      assert.equal(real.json.result, "ok");
      assert.equal(real.json.counts.revoked, 1);
      assert.equal(await adapter.getSessionAndUser!(doomed), null, "signed out");
      assert.ok(await adapter.getSessionAndUser!(kept), "the other session still works");
      const entry = (await audit.listAudit(admin, { target: carol.id }, { pageSize: 100 })).entries.find((e) => e.id === real.json.auditId);
      assert.ok(entry);
      assert.equal(entry.action, "revoke-session");
      assert.deepEqual(entry.target.fingerprints, [fp]);
      assert.deepEqual(entry.apiKey, { id: keyId["sessions:write"], name: "sessions:write key" });

      const again = await call("revokeSession", { key: key["sessions:write"], params: { id: carol.id, fingerprint: fp }, body: {} });
      assert.equal(again.status, 200);
      assert.match(again.json.message, /already revoked/);
      // A dry run of what was just done answers as the real call would: nothing to do.
      const auditedBefore = (await audit.listAudit(admin, { target: carol.id }, { pageSize: 100 })).entries.length;
      const gone = await call("revokeSession", { key: key["read+sessions:write"], params: { id: carol.id, fingerprint: fp }, body: { dryRun: true } });
      assert.equal(gone.status, 200, gone.text);
      assert.equal(gone.json.dryRun, true);
      assert.equal(gone.json.preview.alreadyRevoked, true);
      assert.equal(gone.json.preview.session, null);
      assert.deepEqual(gone.json.preview.user, { id: carol.id, email: carol.email });
      assert.equal(gone.json.preview.summary, `Session …${fp} of ${carol.email} was already revoked: nothing to do.`);
      assert.equal(dry.json.preview.alreadyRevoked, false);
      assert.equal((await audit.listAudit(admin, { target: carol.id }, { pageSize: 100 })).entries.length, auditedBefore, "the dry run audited nothing");
      const nobody = await call("revokeSession", { key: key["read+sessions:write"], params: { id: "no-such-user", fingerprint: fp }, body: { dryRun: true } });
      assert.equal(nobody.status, 404, "an unknown user is still not found");
      assert.equal(nobody.json.type, "urn:gatehouse:problem:not-found");
      const refused = await call("revokeSession", { key: key.read, params: { id: carol.id, fingerprint: fingerprint(kept) }, body: {} });
      assert.equal(refused.status, 403);
      assert.ok(await adapter.getSessionAndUser!(kept));
    });

    test("unlink: dryRun shows the Unlink dialog's text (with the last-way-in warning) and changes nothing; the real call needs confirmEmail when it is the last way in", async () => {
      const { unlinkPreview } = await import("@/lib/features/unlink/preview");
      const dave = await makeUser("dave", 0);
      const daveAccount = { provider: "github", providerAccountId: `gh-${dave.id}` };
      const dry = await call("unlink", { key: key["read+accounts:write"], params: { id: dave.id }, body: { ...daveAccount, dryRun: true } });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.json.dryRun, true);
      assert.equal(dry.json.preview.lastWayIn, false);
      assert.equal(dry.json.preview.warning, null);
      assert.equal(dry.json.preview.summary, `github account gh-${dave.id} of ${dave.email}. It can be restored from the audit log for 7 days.`);
      const { user: _u, account: _a, ...text } = dry.json.preview;
      assert.deepEqual(text, unlinkPreview({ ...daveAccount, owner: dave.email, hasEmail: true, lastWayIn: false }));
      assert.ok(await adapter.getUserByAccount!(daveAccount), "still linked");
      assert.deepEqual((await audit.listAudit(admin, { target: dave.id }, { pageSize: 100 })).entries, [], "nothing audited");

      const erin = await makeUser("erin", 0, { verified: false });
      const erinAccount = { provider: "github", providerAccountId: `gh-${erin.id}` };
      const last = await call("unlink", { key: key["read+accounts:write"], params: { id: erin.id }, body: { ...erinAccount, dryRun: true } });
      assert.equal(last.status, 200, last.text);
      assert.equal(last.json.preview.lastWayIn, true);
      assert.equal(last.json.preview.confirmEmailRequired, true);
      assert.match(
        last.json.preview.warning,
        new RegExp(`^This is ${erin.email.replace(/[.]/g, "\\.")}'s last way to sign in\\. It is their only linked account`),
      );
      assert.deepEqual((await audit.listAudit(admin, { target: erin.id }, { pageSize: 100 })).entries, [], "nothing audited");

      const refused = await call("unlink", { key: key["accounts:write"], params: { id: erin.id }, body: { ...erinAccount, reason: "cleanup" } });
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.json.detail, /last way to sign in/);
      assert.ok(await adapter.getUserByAccount!(erinAccount), "still linked");
      const real = await call("unlink", {
        key: key["accounts:write"],
        params: { id: erin.id },
        body: { ...erinAccount, reason: "cleanup", confirmEmail: erin.email.toUpperCase() },
      });
      assert.equal(real.status, 200, real.text);
      assert.equal(real.json.result, "ok");
      assert.equal(real.json.counts.unlinked, 1);
      assert.match(real.json.message, /They can no longer sign in\.$/);
      assert.ok(Date.parse(real.json.undoUntil) > Date.now(), "until when Undo can restore it");
      assert.equal(await adapter.getUserByAccount!(erinAccount), null, "unlinked");
      const entry = (await audit.listAudit(admin, { target: erin.id }, { pageSize: 100 })).entries.find((e) => e.id === real.json.auditId);
      assert.ok(entry);
      assert.equal(entry.action, "unlink-account");
      assert.equal(entry.reason, "cleanup");
      assert.deepEqual(entry.apiKey, { id: keyId["accounts:write"], name: "accounts:write key" });
      const gone = await call("unlink", { key: key["read+accounts:write"], params: { id: erin.id }, body: { ...erinAccount, dryRun: true } });
      assert.equal(gone.status, 404);
    });

    test("block and unblock: dryRun shows the dialogs' text and changes nothing; the real calls block (sessions end) and unblock, audited with the key", async () => {
      const { blockPreview, unblockPreview } = await import("@/lib/features/block/preview");
      const frank = await makeUser("frank", 2);
      const userItem = async () => (await adapter.getUser!(frank.id)) as unknown as Record<string, unknown>;
      const dry = await call("block", { key: key["read+users:write"], params: { id: frank.id }, body: { for: "7d", reason: "abuse report", dryRun: true } });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.json.dryRun, true);
      const { user: _u, block: _b, sessions, guard: _g, ...text } = dry.json.preview;
      assert.equal(sessions, 2);
      assert.deepEqual(text, blockPreview({ owner: frank.email, duration: "7d", current: null, sessions: 2 }));
      assert.deepEqual(text.lines, [
        `A block on ${frank.email}: for 7 days`,
        "Every session and JWT issued before now is revoked (gatehouseRevokedAt)",
        "2 session items deleted",
      ]);
      for (const token of frank.tokens) assert.ok(await adapter.getSessionAndUser!(token), "the session still works");
      assert.equal((await userItem()).gatehouseBlock, undefined, "not blocked");
      assert.equal((await userItem()).gatehouseRevokedAt, undefined);
      assert.deepEqual((await audit.listAudit(admin, { target: frank.id }, { pageSize: 100 })).entries, [], "nothing audited");

      const real = await call("block", { key: key["users:write"], params: { id: frank.id }, body: { for: "7d", reason: "abuse report" } });
      assert.equal(real.status, 200, real.text);
      assert.equal(real.json.result, "ok");
      assert.match(real.json.message, /^Blocked /);
      for (const token of frank.tokens) assert.equal(await adapter.getSessionAndUser!(token), null, "signed out");
      assert.ok((await userItem()).gatehouseBlock, "blocked");

      const again = await call("block", {
        key: key["read+users:write"],
        params: { id: frank.id },
        body: { for: "permanent", reason: "abuse report", dryRun: true },
      });
      assert.equal(again.json.preview.alreadyBlocked, true);
      assert.equal(again.json.preview.title, `${frank.email} is already blocked`);
      assert.match(again.json.preview.lines[0], /^Updates the block on .+: permanent \(now until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/);

      const dryUnblock = await call("unblock", { key: key["read+users:write"], params: { id: frank.id }, body: { reason: "appeal upheld", dryRun: true } });
      assert.equal(dryUnblock.status, 200, dryUnblock.text);
      const { user: _uu, block, ...unblockText } = dryUnblock.json.preview;
      assert.deepEqual(unblockText, unblockPreview({ owner: frank.email, block }));
      assert.match(unblockText.summary, /^The block on .+ \(until .+ UTC, by ana@ops\.test: abuse report\)$/);
      assert.ok((await userItem()).gatehouseBlock, "still blocked");

      const unblocked = await call("unblock", { key: key["users:write"], params: { id: frank.id }, body: { reason: "appeal upheld" } });
      assert.equal(unblocked.status, 200, unblocked.text);
      assert.equal(unblocked.json.counts.unblocked, 1);
      assert.equal((await userItem()).gatehouseBlock, undefined, "unblocked");
      const entries = (await audit.listAudit(admin, { target: frank.id }, { pageSize: 100 })).entries;
      assert.deepEqual(entries.map((e) => e.action).sort(), ["block-user", "unblock-user"], "only the real calls are audited");
      assert.ok(entries.every((e) => e.apiKey?.id === keyId["users:write"] && e.result === "ok"));
      const notBlocked = await call("unblock", { key: key["read+users:write"], params: { id: frank.id }, body: { dryRun: true } });
      assert.equal(notBlocked.json.preview.blocked, false);
      assert.equal(notBlocked.json.preview.summary, `${frank.email} is not blocked.`);
      assert.equal(
        (await call("block", { key: key["read+users:write"], params: { id: "no-such-user" }, body: { for: "1h", reason: "abuse report", dryRun: true } }))
          .status,
        404,
      );
    });

    test("delete: dryRun (in the query) shows the Delete user dialog's text and counts and changes nothing; the real call deletes, audited with the key", async () => {
      const { deleteUserPreview } = await import("@/lib/features/delete-user/preview");
      const gina = await makeUser("gina", 2);
      const token = randomUUID();
      secrets.push(token);
      await adapter.createVerificationToken!({ identifier: gina.email, token, expires: new Date(Date.now() + 3600_000) });
      const dry = await call("deleteUser", {
        key: key["read+users:write"],
        params: { id: gina.id },
        query: { reason: "gdpr request", dryRun: "true" },
        rawBody: "",
      });
      assert.equal(dry.status, 200, dry.text);
      assert.equal(dry.json.dryRun, true);
      assert.deepEqual(dry.json.preview.counts, { accounts: 1, sessions: 2, verificationTokens: 1, other: 0 });
      const { user: _u, providers, counts: _c, ...text } = dry.json.preview;
      assert.deepEqual(providers, ["github"]);
      assert.deepEqual(
        text,
        deleteUserPreview({ owner: gina.email, name: "gina", hasEmail: true, providers: ["github"], sessions: 2, tokens: 1, otherItems: 0 }),
      );
      assert.deepEqual(text.lines, [
        `The profile of ${gina.email} (gina)`,
        "1 linked account (github)",
        "2 sessions: signed out everywhere",
        "1 pending sign-in token",
      ]);
      assert.ok(await adapter.getUser!(gina.id), "still there");
      for (const t of gina.tokens) assert.ok(await adapter.getSessionAndUser!(t), "the session still works");
      assert.deepEqual((await audit.listAudit(admin, { target: gina.id }, { pageSize: 100 })).entries, [], "nothing audited");

      const real = await call("deleteUser", { key: key["users:write"], params: { id: gina.id }, body: { reason: "gdpr request" } });
      assert.equal(real.status, 200, real.text);
      assert.equal(real.json.result, "ok");
      assert.equal(real.json.counts.deleted, 5);
      assert.ok(Date.parse(real.json.undoUntil) > Date.now(), "until when Undo can restore it");
      assert.equal(await adapter.getUser!(gina.id), null, "deleted");
      assert.equal(await adapter.useVerificationToken!({ identifier: gina.email, token }), null, "its sign-in token went too");
      const entry = (await audit.listAudit(admin, { target: gina.id }, { pageSize: 100 })).entries.find((e) => e.id === real.json.auditId);
      assert.ok(entry);
      assert.equal(entry.action, "delete-user");
      assert.equal(entry.reason, "gdpr request");
      assert.deepEqual(entry.apiKey, { id: keyId["users:write"], name: "users:write key" });
      assert.equal(
        (await call("deleteUser", { key: key["read+users:write"], params: { id: gina.id }, body: { reason: "gdpr request", dryRun: true } })).status,
        404,
      );
      const refused = await call("deleteUser", { key: key["accounts:write"], params: { id: alice.id }, body: { reason: "not allowed" } });
      assert.equal(refused.status, 403);
      assert.ok(await adapter.getUser!(alice.id));
    });

    test("reads are audited with the key: one collapsed api-read entry per key, route and hour, counting the calls; the export only as export-user", async () => {
      const reader = await createKey("reader", ["read", "users:write"]);
      for (let i = 0; i < 3; i++) assert.equal((await call("getUser", { key: reader.key, params: { id: alice.id } })).status, 200);
      assert.equal((await call("listUsers", { key: reader.key })).status, 200);
      assert.equal((await call("exportUser", { key: reader.key, params: { id: alice.id } })).status, 200);
      const entries = (await audit.listAudit(admin, { action: "api-read", target: reader.row.id }, { pageSize: 100 })).entries;
      const byRoute = new Map(entries.map((e) => [e.message, e]));
      assert.deepEqual([...byRoute.keys()].sort(), ["GET /api/v1/users", "GET /api/v1/users/{id}"], "one entry per route, none for the export");
      const reads = byRoute.get("GET /api/v1/users/{id}")!;
      assert.equal(entries.length, 2, "collapsed");
      assert.equal(reads.counts.attempts, 3);
      assert.equal(reads.result, "ok");
      assert.deepEqual(reads.apiKey, { id: reader.row.id, name: "reader key" });
      assert.equal(reads.operatorRole, "api-key");
      assert.ok(!JSON.stringify(entries).includes(alice.email) && !JSON.stringify(entries).includes(alice.id), "no user named: the route's template only");
      assert.equal(byRoute.get("GET /api/v1/users")!.counts.attempts, 1);
      const exported = (await audit.listAudit(admin, { action: "export-user", target: alice.id }, { pageSize: 100 })).entries;
      assert.ok(
        exported.some((e) => e.apiKey?.id === reader.row.id),
        "the export has its own entry",
      );
    });

    test("refused reads are audited too: a key without the read scope gets 403, collapsed into one refused api-read entry per route and hour", async () => {
      const nosy = await createKey("nosy", ["sessions:write"]);
      for (let i = 0; i < 2; i++) assert.equal((await call("getUser", { key: nosy.key, params: { id: alice.id } })).status, 403);
      assert.equal((await call("search", { key: nosy.key, query: { q: alice.email } })).status, 403);
      const entries = (await audit.listAudit(admin, { action: "api-read", target: nosy.row.id }, { pageSize: 100 })).entries;
      const byRoute = new Map(entries.map((e) => [e.message, e]));
      assert.deepEqual([...byRoute.keys()].sort(), ["GET /api/v1/users/search", "GET /api/v1/users/{id}"]);
      assert.equal(entries.length, 2, "collapsed");
      const refused = byRoute.get("GET /api/v1/users/{id}")!;
      assert.equal(refused.result, "refused");
      assert.equal(refused.counts.attempts, 2);
      assert.deepEqual(refused.apiKey, { id: nosy.row.id, name: "nosy key" });
      assert.ok(!JSON.stringify(entries).includes(alice.email) && !JSON.stringify(entries).includes(alice.id), "no user named");

      // A key that reads and is refused keeps both apart: one ok and one refused entry for the route.
      const orphan = await createKey("orphan", ["read"]);
      assert.equal((await call("getUser", { key: orphan.key, params: { id: alice.id } })).status, 200);
      await setKeyAttribute("orphan", "createdBy", "former@elsewhere.test");
      assert.equal((await call("getUser", { key: orphan.key, params: { id: alice.id } })).status, 403);
      const both = (await audit.listAudit(admin, { action: "api-read", target: orphan.row.id }, { pageSize: 100 })).entries;
      assert.deepEqual(both.map((e) => `${e.message} ${e.result} ${e.counts.attempts}`).sort(), [
        "GET /api/v1/users/{id} ok 1",
        "GET /api/v1/users/{id} refused 1",
      ]);
    });

    test("dry runs are reads: a key with only the action's scope is refused one (a refused api-read entry), and a read+write key's is recorded as an api-read entry", async () => {
      const writer = await createKey("dry writer", ["users:write"]);
      const refused = await call("block", { key: writer.key, params: { id: alice.id }, body: { for: "24h", reason: "probing", dryRun: true } });
      assert.equal(refused.status, 403, refused.text);
      assert.match(refused.json.detail, /read scope/);
      assert.ok(!refused.text.includes(alice.email), "nothing about the user in the refusal");
      const refusedJob = await call("createJob", {
        key: writer.key,
        body: { action: "block", for: "24h", entries: [alice.email, "nobody@example.com"], reason: "probing", dryRun: true },
      });
      assert.equal(refusedJob.status, 403, "the list dry run is no email-membership oracle for a write-only key");
      assert.equal(
        (await call("block", { key: writer.key, params: { id: "no-such-user" }, body: { for: "24h", reason: "probing", dryRun: true } })).status,
        403,
        "not even a 404 tells who exists",
      );

      const both = await createKey("dry both", ["read", "users:write"]);
      for (let i = 0; i < 2; i++)
        assert.equal((await call("block", { key: both.key, params: { id: alice.id }, body: { for: "24h", reason: "looking", dryRun: true } })).status, 200);
      assert.equal(
        (await call("deleteUser", { key: both.key, params: { id: alice.id }, query: { reason: "looking", dryRun: "true" }, rawBody: "" })).status,
        200,
      );
      assert.equal(
        (await call("createJob", { key: both.key, body: { action: "block", for: "24h", entries: [alice.email], reason: "looking", dryRun: true } })).status,
        200,
      );

      const summary = async (label: { row: { id: string } }) =>
        (await audit.listAudit(admin, { action: "api-read", target: label.row.id }, { pageSize: 100 })).entries
          .map((e) => `${e.message} ${e.result} ${e.counts.attempts}`)
          .sort();
      assert.deepEqual(await summary(writer), ["POST /api/v1/jobs (dry run) refused 1", "POST /api/v1/users/{id}/block (dry run) refused 2"]);
      assert.deepEqual(await summary(both), [
        "DELETE /api/v1/users/{id} (dry run) ok 1",
        "POST /api/v1/jobs (dry run) ok 1",
        "POST /api/v1/users/{id}/block (dry run) ok 2",
      ]);
      const entries = (await audit.listAudit(admin, { target: both.row.id }, { pageSize: 100 })).entries;
      assert.ok(!JSON.stringify(entries).includes(alice.email) && !JSON.stringify(entries).includes(alice.id), "no user named: the route's template only");
      assert.deepEqual(
        (await audit.listAudit(admin, { target: alice.id }, { pageSize: 100 })).entries.filter((e) => e.action === "block-user"),
        [],
        "no entry of the action itself",
      );
    });

    test("history: a user's audit entries newest first, with the key that acted, a page at a time with a sealed cursor", async () => {
      // Two entries at least: the revoke-all of the test before, and an export now.
      assert.equal((await call("exportUser", { key: key["users:write"], params: { id: bob.id } })).status, 200);
      const first = await call("history", { key: key.read, params: { id: bob.id }, query: { limit: "1" } });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.entries.length, 1);
      const [latest] = first.json.entries;
      assert.equal(latest.action, "export-user");
      assert.equal(latest.target.userId, bob.id);
      assert.deepEqual(latest.apiKey, { id: keyId["users:write"], name: "users:write key" });
      const { listUserHistory } = await import("@/lib/features/users/history");
      const onPage = await listUserHistory(admin, bob.id, { pageSize: 100 });
      assert.equal(onPage.entries[0]!.id, latest.id, "the same entries the user page shows");
      assert.match(first.json.nextCursor, /^[A-Za-z0-9_-]+$/);
      const second = await call("history", { key: key.read, params: { id: bob.id }, query: { limit: "1", cursor: first.json.nextCursor } });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.json.entries[0].id, onPage.entries[1]!.id);
      assert.equal(second.json.entries[0].action, "revoke-all-sessions");
      // Bound to its view: another user's history refuses it.
      assert.equal((await call("history", { key: key.read, params: { id: alice.id }, query: { limit: "1", cursor: first.json.nextCursor } })).status, 400);
      const nobody = await call("history", { key: key.read, params: { id: "no-such-user" } });
      assert.equal(nobody.status, 200);
      assert.deepEqual(nobody.json.entries, []);
    });

    test("export: the console's JSON document, streamed as application/json, audited export-user with the key", async () => {
      const response = await call("exportUser", { key: key["users:write"], params: { id: alice.id } });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.headers.get("content-type"), "application/json");
      assert.match(response.headers.get("content-disposition") ?? "", /^attachment; filename="user-/);
      const doc = response.json;
      assert.equal(doc.schemaVersion, 1);
      assert.equal(doc.userId, alice.id);
      assert.equal(doc.user.email, alice.email);
      assert.equal(doc.sessions.length, alice.tokens.length);
      assert.equal(doc.accounts.length, 1);
      assert.deepEqual(doc.accounts[0].access_token, { present: true });
      assert.deepEqual(doc.counts, { accounts: 1, sessions: alice.tokens.length, verificationTokens: 0, otherItems: 0, history: doc.history.length });
      const auditId = response.headers.get("x-gatehouse-audit-id");
      const entry = (await audit.listAudit(admin, { action: "export-user" }, { pageSize: 100 })).entries.find((e) => e.id === auditId);
      assert.ok(entry, "audited");
      assert.equal(entry.result, "ok");
      assert.deepEqual(entry.apiKey, { id: keyId["users:write"], name: "users:write key" });
      assert.equal(entry.target.userId, alice.id);
      assert.equal(entry.counts.sessions, alice.tokens.length);
      const missing = await call("exportUser", { key: key["users:write"], params: { id: "no-such-user" } });
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get("content-type"), "application/problem+json");
    });

    test("a key lacking the scope is refused a mutation, and the refusal is audited with the key", async () => {
      const refused = await call("revokeAll", { key: key.read, params: { id: alice.id }, body: { reason: "not allowed" } });
      assert.equal(refused.status, 403);
      assert.match(refused.json.detail, /sessions:write scope/);
      for (const token of alice.tokens) assert.ok(await adapter.getSessionAndUser!(token));
      const entries = (await audit.listAudit(admin, { action: "revoke-all-sessions" }, { pageSize: 100 })).entries;
      assert.ok(entries.some((e) => e.result === "refused" && e.apiKey?.id === keyId.read));
    });

    test("keys are exempt from step-up: a users:write key deletes without a recent sign-in", async () => {
      const doomed = await makeUser("doomed", 1);
      const auth = await keyAuth.authenticateApiKey(key["users:write"]!);
      assert.ok(auth.ok);
      const { deleteUser } = await import("@/lib/features/delete-user/server");
      const outcome = await deleteUser(auth.operator, { userId: doomed.id, reason: "key test" });
      assert.equal(outcome.result, "ok");
      assert.equal(await adapter.getUser!(doomed.id), null);
      const readOnly = await keyAuth.authenticateApiKey(key.read!);
      assert.ok(readOnly.ok);
      await assert.rejects(deleteUser(readOnly.operator, { userId: alice.id, reason: "key test" }), /users:write scope/);
    });

    test("bad input is a 400 problem naming the field, never a 5xx", async () => {
      const cases: { name: string; options: Parameters<typeof call>[1]; field: string }[] = [
        { name: "getUser", options: { params: { id: "bad\u0001id" } }, field: "params.id" },
        { name: "byEmail", options: { params: { email: "not-an-email" } }, field: "params.email" },
        { name: "listUsers", options: { query: { cursor: "not a cursor!" } }, field: "query.cursor" },
        { name: "listUsers", options: { query: { cursor: "A".repeat(60) } }, field: "query.cursor" },
        { name: "listUsers", options: { query: { limit: "100000" } }, field: "query.limit" },
        { name: "listUsers", options: { query: { limit: "ten" } }, field: "query.limit" },
        { name: "audit", options: { query: { from: "2026-13-45" } }, field: "query.from" },
        { name: "audit", options: { query: { action: "drop-table" } }, field: "query.action" },
        { name: "revokeAll", options: { params: { id: alice.id }, rawBody: "{not json" }, field: "body" },
        { name: "revokeSession", options: { params: { id: alice.id, fingerprint: "xyz" }, body: { dryRun: true } }, field: "params.fingerprint" },
        { name: "revokeSession", options: { params: { id: alice.id, fingerprint: alice.tokens[0]! }, body: { dryRun: true } }, field: "params.fingerprint" },
        {
          name: "revokeSession",
          options: { params: { id: alice.id, fingerprint: fingerprint(alice.tokens[0]!) }, body: { dryRun: "yes" } },
          field: "body.dryRun",
        },
        {
          name: "unlink",
          options: { params: { id: alice.id }, body: { provider: "bad provider!", providerAccountId: "x", dryRun: true } },
          field: "body.provider",
        },
        { name: "unlink", options: { params: { id: alice.id }, body: { provider: "github", dryRun: true } }, field: "body.providerAccountId" },
        {
          name: "unlink",
          options: { params: { id: alice.id }, body: { provider: "github", providerAccountId: "x", reason: "r".repeat(501) } },
          field: "body.reason",
        },
        { name: "block", options: { params: { id: alice.id }, body: { for: "2h", reason: "ok reason", dryRun: true } }, field: "body.for" },
        { name: "block", options: { params: { id: alice.id }, body: { for: "24h", dryRun: true } }, field: "body.reason" },
        { name: "unblock", options: { params: { id: alice.id }, body: { reason: "x", dryRun: true } }, field: "body.reason" },
        { name: "deleteUser", options: { params: { id: alice.id }, body: { dryRun: true } }, field: "body.reason" },
        { name: "deleteUser", options: { params: { id: alice.id }, body: { reason: "ab", dryRun: true } }, field: "body.reason" },
        { name: "deleteUser", options: { params: { id: alice.id }, query: { reason: "ok reason", dryRun: "maybe" } }, field: "query.dryRun" },
        { name: "history", options: { params: { id: "bad\u0001id" } }, field: "params.id" },
        { name: "history", options: { params: { id: alice.id }, query: { cursor: "not a cursor!" } }, field: "query.cursor" },
        { name: "history", options: { params: { id: alice.id }, query: { limit: "0" } }, field: "query.limit" },
        { name: "exportUser", options: { params: { id: "bad/id" } }, field: "params.id" },
        { name: "revokeAll", options: { params: { id: alice.id }, body: { dryRun: true } }, field: "body.reason" },
        { name: "revokeAll", options: { params: { id: alice.id }, body: { reason: "ok reason", dryRun: "yes" } }, field: "body.dryRun" },
        // 40,000 characters but 80,000 bytes of UTF-8: the 64 KB limit counts bytes, not characters.
        {
          name: "revokeAll",
          options: { params: { id: alice.id }, rawBody: JSON.stringify({ reason: "ok reason", dryRun: true, padding: "é".repeat(40_000) }) },
          field: "body",
        },
      ];
      const checker = await createKey("bad input", scopesFor("admin"));
      for (const { name, options, field } of cases) {
        const response = await call(name, { ...options, key: checker.key });
        assert.equal(response.status, 400, `${name} ${JSON.stringify(options)}: ${response.text}`);
        assert.equal(response.headers.get("content-type"), "application/problem+json");
        assert.equal(response.json.status, 400);
        assert.ok(
          response.json.errors.some((e: { path: string }) => e.path === field),
          `${field} named in ${response.text}`,
        );
        assert.ok(!/\n\s+at /.test(response.text), "no stack trace");
      }
      const missing = await call("getUser", { key: checker.key, params: { id: "no-such-user" } });
      assert.equal(missing.status, 404);
      assert.equal(missing.json.type, "urn:gatehouse:problem:not-found");
    });

    test("pages use the same sealed cursors: the next cursor gives the next page, and no LastEvaluatedKey leaks", async () => {
      for (let i = 0; i < 4; i++) await makeUser(`pager${i}`, 0);
      const first = await call("listUsers", { key: key.admin, query: { limit: "2" } });
      assert.equal(first.status, 200);
      assert.equal(first.json.users.length, 2);
      assert.match(first.json.nextCursor, /^[A-Za-z0-9_-]+$/);
      const second = await call("listUsers", { key: key.admin, query: { limit: "2", cursor: first.json.nextCursor } });
      assert.equal(second.status, 200);
      assert.ok(second.json.users.every((u: { id: string }) => !first.json.users.some((f: { id: string }) => f.id === u.id)));
      // A cursor is bound to its view: another page size refuses it.
      assert.equal((await call("listUsers", { key: key.admin, query: { limit: "3", cursor: first.json.nextCursor } })).status, 400);
    });

    test("search: an exact email or id is that user alone, in one request; other text is the contains scan, step by step with its scanned count", async () => {
      const searcher = await createKey("searcher", ["read"]);
      const sent: string[] = [];
      const original = table.doc.send.bind(table.doc);
      (table.doc as { send: unknown }).send = (
        command: { constructor: { name: string }; input: { TableName?: string; IndexName?: string; Key?: Record<string, unknown> } },
        ...rest: unknown[]
      ) => {
        const { TableName, IndexName, Key } = command.input;
        const userKey = String(Key?.[schema.partitionKey] ?? "").startsWith("USER#");
        if (TableName === schema.tableName && (IndexName || userKey || command.constructor.name === "ScanCommand"))
          sent.push(`${command.constructor.name}${IndexName ? ` ${IndexName}` : ""}`);
        return (original as (...a: unknown[]) => unknown)(command, ...rest);
      };
      const search = async (query: Record<string, string>) => {
        sent.length = 0;
        const response = await call("search", { key: searcher.key, query });
        assert.equal(response.status, 200, response.text);
        return { ...response.json, sent: [...sent] };
      };
      try {
        const byEmail = await search({ q: alice.email.toUpperCase() });
        assert.deepEqual(
          byEmail.users.map((u: { id: string }) => u.id),
          [alice.id],
        );
        assert.equal(byEmail.users[0].email, alice.email);
        assert.equal(byEmail.match, "email");
        assert.deepEqual([byEmail.scanned, byEmail.done, byEmail.nextCursor], [0, true, null]);
        assert.deepEqual(
          byEmail.sent,
          [`QueryCommand ${schema.indexName}`, `QueryCommand ${schema.indexName}`],
          "as typed, then lowercased: GSI1 only, no Scan",
        );
        const byId = await search({ q: ` ${bob.id} ` });
        assert.deepEqual(
          byId.users.map((u: { id: string }) => u.id),
          [bob.id],
        );
        assert.equal(byId.match, "id");
        assert.deepEqual(byId.sent, ["GetCommand"]);

        const byName = await search({ q: "ALIC" });
        assert.equal(byName.match, "contains");
        assert.ok(
          byName.users.some((u: { id: string }) => u.id === alice.id),
          "found by name, whatever its case",
        );
        assert.ok(byName.users.every((u: { name: string }) => u.name.toLowerCase().includes("alic")));
        assert.ok(byName.scanned > 0 && byName.done && byName.nextCursor === null);
        assert.deepEqual(
          byName.sent.filter((c: string) => c !== "ScanCommand"),
          ["GetCommand"],
          "no space, no @: tried as an id first, then scanned",
        );
        const missing = await search({ q: "nobody-here@example.com" });
        assert.equal(missing.match, "contains", "an exact email no user has falls back to the scan, as /users does");
        assert.deepEqual(missing.users, []);

        // More items than one step reads: the scan pauses with a cursor and its count so far.
        const { SEARCH_STEP } = await import("@/lib/features/users/server");
        for (let i = 0; i < SEARCH_STEP + 50; i += 25) {
          await dynamo.doc.batchWrite({
            RequestItems: {
              [schema.tableName]: Array.from({ length: 25 }, (_, j) => ({
                PutRequest: { Item: { [schema.partitionKey]: `FILLER#${i + j}`, [schema.sortKey]: "FILLER", note: "search step test" } },
              })),
            },
          });
        }
        const first = await search({ q: "bob w" });
        assert.equal(first.match, "contains", "text with a space is never an id");
        assert.equal(first.done, false);
        assert.equal(first.scanned, SEARCH_STEP);
        assert.match(first.nextCursor, /^[A-Za-z0-9_-]+$/);
        const rest = await search({ q: "bob w", cursor: first.nextCursor });
        assert.equal(rest.done, true);
        assert.ok(rest.scanned > SEARCH_STEP, "the count runs on across steps");
        assert.ok(!rest.sent.includes("GetCommand"), "a next step goes straight on scanning");
        const refused = await call("search", { key: searcher.key, query: { q: "other", cursor: first.nextCursor } });
        assert.equal(refused.status, 400, "a cursor is bound to its search text");
      } finally {
        (table.doc as { send: unknown }).send = original;
      }
      for (const q of ["", "   ", "x".repeat(201)]) assert.equal((await call("search", { key: searcher.key, query: { q } })).status, 400, JSON.stringify(q));
      assert.equal((await call("search", { key: searcher.key })).status, 400, "q is required");
      const reads = (await audit.listAudit(admin, { action: "api-read", target: searcher.row.id }, { pageSize: 100 })).entries;
      assert.deepEqual(
        reads.map((e) => e.message),
        ["GET /api/v1/users/search"],
      );
      assert.ok(!JSON.stringify(reads).includes(alice.email), "the search text is not in the audit log");
    });

    test("leak scan: no endpoint returns a session token, an OAuth token, a key or a key's hash", async () => {
      // A key of its own: the tests before have used admin's rate limit.
      const scanner = await createKey("scanner", scopesFor("admin"));
      const bodies: string[] = [];
      for (const endpoint of endpoints()) {
        const response = await call(endpoint.name, { ...endpoint, key: scanner.key });
        assert.equal(response.status, 200, `${endpoint.name}: ${response.text}`);
        bodies.push(response.text);
      }
      bodies.push((await call("audit", { key: scanner.key, query: { limit: "100" } })).text);
      const all = bodies.join("\n");
      const found = secrets.filter((secret) => all.includes(secret));
      assert.deepEqual(found, []);
      assert.ok(all.includes(alice.email), "the scan saw real data");
    });

    /** What the Gatehouse table is sent while `work` runs: every command, and the API key lookups among them. */
    async function sentTo<T>(work: () => Promise<T>): Promise<{ result: T; commands: string[]; keyLookups: number }> {
      const commands: string[] = [];
      let keyLookups = 0;
      const original = table.doc.send.bind(table.doc);
      (table.doc as { send: unknown }).send = (command: { constructor: { name: string }; input: { Key?: Record<string, unknown> } }, ...rest: unknown[]) => {
        commands.push(command.constructor.name);
        if (command.constructor.name === "GetCommand" && String(command.input.Key?.[table.names.pk] ?? "").startsWith("APIKEY#")) keyLookups++;
        return (original as (...a: unknown[]) => unknown)(command, ...rest);
      };
      try {
        return { result: await work(), commands, keyLookups };
      } finally {
        (table.doc as { send: unknown }).send = original;
      }
    }

    test("failed keys are limited per client address: over api-auth, a flood of bad keys gets 429 with Retry-After and costs no key lookup", () =>
      atHeldLimitClock(async () => {
        const address = "198.51.100.7";
        const badKey = () => `gh_${randomBytes(32).toString("base64url")}`;
        const failures = await sentTo(async () => {
          const statuses: number[] = [];
          for (let i = 0; i < AUTH_LIMIT; i++) statuses.push((await call("listUsers", { key: i % 2 ? key.revoked! : badKey(), address })).status);
          return statuses;
        });
        assert.deepEqual(failures.result, Array(AUTH_LIMIT).fill(401), "unknown and revoked keys: 401 while under the limit");
        assert.equal(failures.keyLookups, AUTH_LIMIT);
        const over = await call("listUsers", { key: badKey(), address });
        assert.equal(over.status, 429, over.text);
        assert.equal(over.headers.get("content-type"), "application/problem+json");
        assert.equal(over.json.type, "urn:gatehouse:problem:rate-limited");
        assert.match(over.json.detail, /api-auth in GATEHOUSE_RATE_LIMITS/);
        const retryAfter = Number(over.headers.get("retry-after"));
        assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);

        const flood = await sentTo(async () => {
          const statuses = new Set<number>();
          for (let i = 0; i < 30; i++) statuses.add((await call("getUser", { key: badKey(), address, params: { id: alice.id } })).status);
          // The address is refused before its key is looked at: a good key from it waits too.
          statuses.add((await call("listUsers", { key: key.read!, address })).status);
          statuses.add((await call("listUsers", { address })).status);
          return [...statuses];
        });
        assert.deepEqual(flood.result, [429]);
        assert.equal(flood.keyLookups, 0, "no key lookup once the address is over");
        assert.deepEqual(flood.commands, [], "nothing at all sent to DynamoDB");

        assert.equal((await call("listUsers", { key: key.read!, address: "198.51.100.8" })).status, 200, "another address is not limited");
        const free = await sentTo(async () => {
          const statuses = new Set<number>();
          for (let i = 0; i < AUTH_LIMIT + 3; i++) {
            statuses.add((await call("listUsers", { key: "gh_not-a-key", address: "198.51.100.9" })).status);
            statuses.add((await call("listUsers", { address: "198.51.100.9" })).status);
          }
          return [...statuses];
        });
        assert.deepEqual(free.result, [401], "no key, or one not even shaped like a key, costs no lookup and is not counted");
        assert.deepEqual(free.commands, []);
        assert.equal((await call("listUsers", { key: key.read!, address: "198.51.100.9" })).status, 200);
      }));

    test("an IPv6 client is limited per /64 (api-auth, api-docs): new addresses in one prefix share its limits", () =>
      atHeldLimitClock(async () => {
        const badKey = () => `gh_${randomBytes(32).toString("base64url")}`;
        for (let i = 1; i <= AUTH_LIMIT; i++) assert.equal((await call("listUsers", { key: badKey(), address: `2001:db8:a:1::${i}` })).status, 401);
        assert.equal((await call("listUsers", { key: badKey(), address: "2001:db8:a:1:ffff::99" })).status, 429, "another address of the same /64");
        assert.equal((await call("listUsers", { key: badKey(), address: "2001:db8:a:2::1" })).status, 401, "another /64 has its own count");
        for (let i = 1; i <= DOCS_LIMIT; i++) assert.equal((await call("openapi", { address: `2001:db8:b:1::${i}` })).status, 200);
        assert.equal((await call("openapi", { address: "2001:db8:b:1::abcd" })).status, 429);
      }));

    test("the OpenAPI document needs no key but is limited per client address (api-docs), and over it costs nothing", () =>
      atHeldLimitClock(async () => {
        const address = "198.51.100.20";
        for (let i = 0; i < DOCS_LIMIT; i++) {
          const response = await call("openapi", { address });
          assert.equal(response.status, 200, response.text);
          assert.equal(response.json.openapi, "3.1.0");
        }
        const over = await sentTo(() => call("openapi", { address }));
        assert.equal(over.result.status, 429);
        assert.equal(over.result.headers.get("content-type"), "application/problem+json");
        assert.match(over.result.json.detail, /api-docs in GATEHOUSE_RATE_LIMITS/);
        assert.ok(Number(over.result.headers.get("retry-after")) >= 1);
        const again = await sentTo(() => call("openapi", { address, key: key.admin! }));
        assert.equal(again.result.status, 429, "a key does not lift it: the document is public, its limit is the address's");
        assert.deepEqual(again.commands, [], "known over: answered without DynamoDB");
        assert.equal((await call("openapi", { address: "198.51.100.21" })).status, 200, "another address is not limited");
        const doc = (await call("openapi", { address: "198.51.100.21" })).json;
        assert.ok(doc.paths["/api/v1/openapi.json"].get.responses["429"], "the document says so");
        assert.match(doc.paths["/api/v1/users"].get.responses["429"].description, /failed/);
      }));

    test("rate limit: a key gets 429 with Retry-After once over api-key's limit, other keys do not", () =>
      atHeldLimitClock(async () => {
        const created = await createKey("busy", ["read"]);
        let first429 = -1;
        for (let i = 0; i < KEY_LIMIT + 2 && first429 < 0; i++) {
          const response = await call("sessions", { key: created.key, params: { id: alice.id } });
          if (response.status === 429) {
            first429 = i;
            assert.ok(Number(response.headers.get("retry-after")) >= 1);
            assert.equal(response.json.type, "urn:gatehouse:problem:rate-limited");
            assert.match(response.json.detail, /api-key in GATEHOUSE_RATE_LIMITS/);
          } else assert.equal(response.status, 200);
        }
        assert.equal(first429, KEY_LIMIT);
        assert.equal((await call("sessions", { key: key.viewer, params: { id: alice.id } })).status, 200);
      }));
  });
}
