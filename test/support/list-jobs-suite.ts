import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { type Scope, scopesFor } from "@/lib/auth/roles";
import type { TableSchema } from "@/lib/config";
import { callRoute, type RouteHandler } from "./api-call";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

/**
 * Act on a list: list jobs in the data layer and through /api/v1/jobs, on DynamoDB Local with
 * users, accounts and sessions written by the real adapter, checked through the adapter. Run
 * once per key schema by the *.test.ts files beside lib/features/list-jobs/server.ts (and step.ts, results.ts).
 */
export function listJobsSuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`jobs-${names}`, names);
  const admin = testOperator("ana@ops.test", "admin", 1);
  const staleAdmin = testOperator("ana@ops.test", "admin", 60);
  const otherAdmin = testOperator("olu@ops.test", "admin", 1);
  const viewer = testOperator("vic@view.test", "viewer", 1);
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let jobs: typeof import("@/lib/features/list-jobs/server") &
    typeof import("@/lib/features/list-jobs/step") &
    typeof import("@/lib/features/list-jobs/results");
  let audit: typeof import("@/lib/features/audit/server");
  let keys: typeof import("@/lib/features/api-keys/server");
  let gatehouse: ReturnType<typeof import("@/lib/dynamo/gatehouse-table").gatehouseTable>;
  let routes: Record<"create" | "step" | "status" | "results", RouteHandler>;
  const key: Record<string, string> = {};

  type Seeded = { id: string; email: string; tokens: string[] };
  async function seedUsers(label: string, count: number, sessions: number): Promise<Seeded[]> {
    const tag = randomUUID().slice(0, 6);
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const email = `${label}-${i}-${tag}@example.com`;
        const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `${label} ${i}` });
        await adapter.linkAccount!({
          userId: user.id,
          type: "oauth",
          provider: "github",
          providerAccountId: `gh-${user.id}`,
          access_token: `gho_${randomUUID()}`,
        });
        const tokens: string[] = [];
        for (let s = 0; s < sessions; s++) {
          const sessionToken = randomUUID();
          tokens.push(sessionToken);
          await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
        }
        return { id: user.id, email, tokens };
      }),
    );
  }

  const liveSessions = async (users: Seeded[]) => {
    let live = 0;
    for (const user of users) for (const token of user.tokens) if (await adapter.getSessionAndUser!(token)) live++;
    return live;
  };

  async function runToEnd(operator: Parameters<typeof jobs.stepListJob>[0], start: { id: string; cursor: string | null }, size = 10) {
    let job = start;
    let steps = 0;
    while (job.cursor) {
      ({ job } = await jobs.stepListJob(operator, { jobId: job.id, cursor: job.cursor, size }));
      steps++;
    }
    return { job: job as Awaited<ReturnType<typeof jobs.createListJob>>, steps };
  }

  /** Each user's gatehouseRevokedAt as stored (ISO), to see whether a step stamped it again. */
  const revokedStamps = async (users: Seeded[]) =>
    Promise.all(
      users.map(async (user) => new Date(String(((await adapter.getUser!(user.id)) as unknown as Record<string, unknown>).gatehouseRevokedAt)).toISOString()),
    );

  /** A step's clock an hour on: any lease taken now has passed. */
  const anHourLater = () => Date.now() + 3600_000;

  /** A promise the test opens when it chooses: how a test holds a step at a point, with no timing involved. */
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open: () => open() };
  }

  const entriesOf = async (jobId: string) => (await audit.listAudit(admin, { target: jobId }, { pageSize: 100 })).entries;

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, product, names === "custom" ? { gatehouse: product } : {});
    adapter = DynamoDBAdapter(dynamo.doc, product);
    jobs = {
      ...(await import("@/lib/features/list-jobs/server")),
      ...(await import("@/lib/features/list-jobs/step")),
      ...(await import("@/lib/features/list-jobs/results")),
    };
    audit = await import("@/lib/features/audit/server");
    keys = await import("@/lib/features/api-keys/server");
    gatehouse = (await import("@/lib/dynamo/gatehouse-table")).gatehouseTable();
    routes = {
      create: (await import("@/app/api/v1/jobs/route")).POST as RouteHandler,
      step: (await import("@/app/api/v1/jobs/[id]/step/route")).POST as RouteHandler,
      status: (await import("@/app/api/v1/jobs/[id]/route")).GET as RouteHandler,
      results: (await import("@/app/api/v1/jobs/[id]/results/route")).GET as RouteHandler,
    };
    const grants: [string, readonly Scope[]][] = [
      ["read", ["read"]],
      ["sessions:write", ["sessions:write"]],
      ["users:write", ["users:write"]],
      ["read+sessions:write", ["read", "sessions:write"]],
      ["admin", scopesFor("admin")],
      ["admin 2", scopesFor("admin")],
    ];
    for (const [label, scopes] of grants) key[label] = (await keys.createApiKey(admin, { name: `${label} key`, scopes: [...scopes], expiresInDays: 30 })).key;
  });
  after(() => dynamo?.stop());

  describe(`Act on a list (${names} schema)`, () => {
    test("the preview resolves every entry, lists the unknown and the blocked, and changes nothing", async () => {
      const users = await seedUsers("preview", 12, 2);
      const { blockUser } = await import("@/lib/features/block/server");
      await blockUser(admin, { userId: users[0]!.id, reason: "already bad", duration: "7d" });
      const unknown = [`nobody-${randomUUID()}@example.com`, `ghost-${randomUUID()}`];
      const list = ["", users[0]!.email.toUpperCase(), ...users.map((u) => u.email), users[3]!.id, unknown[0]!, "", unknown[1]!, users[1]!.email].join("\n");
      const auditBefore = (await audit.listAudit(admin, {}, { pageSize: 100 })).entries.length;
      const preview = await jobs.previewListJob(admin, { action: "revoke-all", entries: list, reason: "breach list" });
      assert.equal(preview.total, 15, "12 users, one by id, two unknown (blank lines and duplicates ignored)");
      assert.equal(preview.found, 13);
      assert.deepEqual(preview.notFound, unknown);
      assert.deepEqual(preview.alreadyBlocked, [users[0]!.email.toUpperCase()]);
      assert.deepEqual(preview.ignored, { blank: 2, duplicate: 2 });
      assert.match(preview.summary, /13 users found of 15 listed entries\. 2 entries not found/);
      assert.equal(preview.confirmLabel, "Revoke all sessions (13)");
      assert.equal(await liveSessions(users.slice(1)), 22, "no session was touched");
      assert.equal((await audit.listAudit(admin, {}, { pageSize: 100 })).entries.length, auditBefore, "nothing audited");
      await assert.rejects(jobs.previewListJob(viewer, { action: "revoke-all", entries: list, reason: "x" }), /admin role/);
    });

    test("a revoke job runs in steps: every found user signed out, one audit entry each, a batch entry with the list's fingerprint and totals", async () => {
      const users = await seedUsers("revoke", 25, 3);
      const unknown = Array.from({ length: 3 }, () => `nobody-${randomUUID()}@example.com`);
      const lines = [...users.map((u) => u.email), ...unknown, users[4]!.email];
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: lines, reason: "oauth app compromised" });
      assert.equal(created.state, "running");
      assert.equal(created.total, 28);
      assert.equal(created.processed, 0);
      assert.equal(await liveSessions(users), 75, "creating a job does nothing to any user");

      const { job, steps } = await runToEnd(admin, created, 10);
      assert.equal(steps, 3);
      assert.equal(job.state, "done");
      assert.equal(job.cursor, null);
      assert.deepEqual(job.counts, { ok: 25, partial: 0, failed: 0, notFound: 3 });
      assert.equal(await liveSessions(users), 0, "every session is gone, as the adapter sees it");
      for (const user of users)
        assert.ok(((await adapter.getUser!(user.id)) as unknown as Record<string, unknown>).gatehouseRevokedAt, "revocation time stamped");
      // Each user: 1 UpdateItem (revokedAt), 1 BatchWriteItem (3 sessions), 2 audit writes (+ the history index marker once).
      assert.ok(job.writeRequests >= 25 * 4 && job.writeRequests <= 25 * 4 + 5, `write requests ${job.writeRequests}`);
      assert.ok(job.writeUnits >= 25 * 5, `write units ${job.writeUnits}`);
      assert.ok(job.elapsedMs > 0);
      assert.match(job.message, /^Revoked all sessions of 25 listed users; 3 not found\.$/);

      const entries = await entriesOf(job.id);
      const perUser = entries.filter((e) => e.action === "revoke-all-sessions");
      assert.equal(perUser.length, 25);
      assert.deepEqual(new Set(perUser.map((e) => e.target.userId)), new Set(users.map((u) => u.id)));
      assert.ok(perUser.every((e) => e.reason === "oauth app compromised" && e.result === "ok" && e.counts.revoked === 3));
      const batch = entries.filter((e) => e.action === "list-job");
      assert.equal(batch.length, 1);
      assert.equal(batch[0]!.id, job.auditId);
      assert.equal(batch[0]!.result, "ok");
      assert.equal(batch[0]!.target.listFingerprint, job.listFingerprint);
      assert.deepEqual(
        { ...batch[0]!.counts, writeUnits: 0, writeRequests: 0 },
        { total: 28, processed: 28, ok: 25, partial: 0, failed: 0, notFound: 3, writeUnits: 0, writeRequests: 0 },
      );
      assert.ok(!JSON.stringify(batch[0]).includes(users[0]!.email), "the batch entry names the list by fingerprint only");

      const page = await jobs.listJobResults(admin, { jobId: job.id, limit: 10 });
      assert.equal(page!.results.length, 10);
      const all = [];
      for await (const rows of jobs.allJobResults(admin, job.id)) all.push(...rows);
      assert.deepEqual(
        all.map((r) => r.entry),
        [...users.map((u) => u.email), ...unknown],
      );
      assert.deepEqual(
        all.slice(25).map((r) => r.outcome),
        ["not-found", "not-found", "not-found"],
      );
      assert.equal(all[0]!.userId, users[0]!.id);
      assert.match(all[0]!.message, /Revoked 3 sessions/);
    });

    test("a step's cursor acts once: replayed, raced or tampered, nothing is done twice", async () => {
      const users = await seedUsers("once", 6, 1);
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: users.map((u) => u.email), reason: "replay test" });
      const raced = await Promise.allSettled([0, 1].map(() => jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 3 })));
      const processed = raced.map((r) => (r.status === "fulfilled" ? r.value.step.processed : -1));
      assert.equal(
        processed.filter((n) => n === 3).length,
        1,
        `one step ran: ${JSON.stringify(raced.map((r) => (r.status === "rejected" ? String(r.reason) : r.value.step)))}`,
      );
      for (const r of raced) if (r.status === "rejected") assert.match(String(r.reason), /Another step of this job is running/);
      const replay = await jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 3 });
      assert.equal(replay.step.processed, 0);
      assert.equal(replay.job.processed, 3);
      assert.equal((await entriesOf(created.id)).filter((e) => e.action === "revoke-all-sessions").length, 3);
      await assert.rejects(jobs.stepListJob(admin, { jobId: created.id, cursor: `${created.cursor!.slice(0, -2)}AA`, size: 3 }), /stale or was altered/);
      await assert.rejects(jobs.stepListJob(otherAdmin, { jobId: created.id, cursor: replay.job.cursor!, size: 3 }), /started by ana@ops\.test/);
      await assert.rejects(jobs.stepListJob(viewer, { jobId: created.id, cursor: replay.job.cursor! }), /admin role/);
    });

    test("a step whose server died holds the job for its lease only; then the next step takes over", async () => {
      const users = await seedUsers("lease", 2, 1);
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: users.map((u) => u.email), reason: "lease test" });
      const setLease = (until: number) =>
        dynamo.doc.update({
          TableName: gatehouse.schema.tableName,
          Key: gatehouse.jobKey(created.id),
          UpdateExpression: "SET stepUntil = :u",
          ExpressionAttributeValues: { ":u": until },
        });
      await setLease(Date.now() + 30_000);
      await assert.rejects(jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor! }), /Another step of this job is running/);
      await setLease(Date.now() - 1);
      const { job } = await jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor! });
      assert.equal(job.state, "done");
      assert.equal(await liveSessions(users), 0);
    });

    test("entries are resolved once, when the job is created: an address registered afterwards is not acted on", async () => {
      const [known] = await seedUsers("early", 1, 1);
      const lateEmail = `late-${randomUUID().slice(0, 8)}@example.com`;
      const created = await jobs.createListJob(admin, { action: "delete", entries: [known!.email, lateEmail], reason: "spam wave" });
      // Registered after the preview and the job's creation, before its steps run (days later, say).
      const late = await adapter.createUser!({ id: "", email: lateEmail, emailVerified: new Date(), name: "Late" });
      const { job } = await runToEnd(admin, created);
      assert.deepEqual(job.counts, { ok: 1, partial: 0, failed: 0, notFound: 1 });
      assert.equal(await adapter.getUser!(known!.id), null);
      assert.ok(await adapter.getUser!(late.id), "the user registered later is untouched");
      const rows = [];
      for await (const page of jobs.allJobResults(admin, job.id)) rows.push(...page);
      assert.deepEqual(
        rows.map((r) => [r.entry, r.userId, r.outcome]),
        [
          [known!.email, known!.id, "ok"],
          [lateEmail, null, "not-found"],
        ],
      );
      assert.equal((await entriesOf(job.id)).filter((e) => e.action === "delete-user").length, 1);
    });

    test("a step's lease is renewed while it runs: past its first lease, another step is still refused", async () => {
      const users = await seedUsers("renew", 6, 1);
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: users.map((u) => u.email), reason: "lease renewed" });
      const t0 = Date.now();
      let clock = t0;
      const last = gate();
      const fifth = gate();
      const running = jobs.stepListJob(
        admin,
        { jobId: created.id, cursor: created.cursor!, size: 6 },
        {
          leaseMs: 1000,
          now: () => clock,
          // Ten minutes pass (by the step's clock) before its fifth user; its last user waits for the other step.
          beforeUser: async (index) => {
            if (index === 4) clock = t0 + 600_000;
            if (index === 5) await last.opened;
          },
          afterUser: (index) => index === 4 && fifth.open(),
        },
      );
      await fifth.opened;
      // Five minutes in: long past the first lease (1 s), within the renewed one.
      await assert.rejects(
        jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 6 }, { now: () => t0 + 300_000 }),
        /Another step of this job is running/,
      );
      last.open();
      const { job } = await running;
      assert.equal(job.state, "done");
      assert.deepEqual(job.counts, { ok: 6, partial: 0, failed: 0, notFound: 0 });
      assert.equal((await entriesOf(job.id)).filter((e) => e.action === "revoke-all-sessions").length, 6);
    });

    test("a step that outlives its lease: the step that takes over acts only on users it had not reached, and the first acts on no one after", async () => {
      const users = await seedUsers("outlive", 6, 1);
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: users.map((u) => u.email), reason: "lease outlived" });
      const held = gate();
      const reached = gate();
      let done = 0;
      // Users 3-5 of the first step wait (as under throttling) until its short lease has passed and another step has run.
      const first = jobs.stepListJob(
        admin,
        { jobId: created.id, cursor: created.cursor!, size: 6 },
        {
          leaseMs: 1000,
          beforeUser: async (index) => {
            if (index >= 3) await held.opened;
          },
          afterUser: () => ++done === 3 && reached.open(),
        },
      );
      await reached.opened;
      const second = await jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 6 }, { now: anHourLater });
      assert.equal(second.job.state, "done");
      assert.deepEqual(second.job.counts, { ok: 6, partial: 0, failed: 0, notFound: 0 });
      const stamps = await revokedStamps(users);
      held.open();
      const late = await first.then(
        (value) => value.step.processed,
        (error: unknown) => String(error),
      );
      const perUser = (await entriesOf(created.id)).filter((e) => e.action === "revoke-all-sessions");
      assert.deepEqual(perUser.map((e) => e.target.userId).sort(), users.map((u) => u.id).sort(), "one audit entry per user");
      assert.deepEqual(await revokedStamps(users), stamps, "gatehouseRevokedAt is not stamped again");
      assert.equal(late, 0, "the first step, having lost its lease, reports nothing done by it after");
      assert.equal(await liveSessions(users), 0);
      const status = await jobs.getListJob(admin, created.id);
      assert.deepEqual(status!.counts, { ok: 6, partial: 0, failed: 0, notFound: 0 });
      const rows = [];
      for await (const page of jobs.allJobResults(admin, created.id)) rows.push(...page);
      assert.deepEqual(
        rows.map((r) => r.entry),
        users.map((u) => u.email),
      );
    });

    test("a results write that fails: the retried step acts on no user twice", async () => {
      const users = await seedUsers("results", 4, 1);
      const created = await jobs.createListJob(admin, { action: "revoke-all", entries: users.map((u) => u.email), reason: "results lost" });
      const failing = { beforeResultsWrite: async () => Promise.reject(new Error("the results write failed")) };
      await assert.rejects(jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 4 }, failing), /the results write failed/);
      assert.equal(await liveSessions(users), 0, "the users were acted on");
      const stamps = await revokedStamps(users);
      // Retried later with the same cursor (past the failed step's lease, in case it kept it).
      const retried = await jobs.stepListJob(admin, { jobId: created.id, cursor: created.cursor!, size: 4 }, { now: anHourLater });
      assert.equal(retried.job.state, "done");
      assert.deepEqual(retried.job.counts, { ok: 4, partial: 0, failed: 0, notFound: 0 });
      assert.equal((await entriesOf(created.id)).filter((e) => e.action === "revoke-all-sessions").length, 4, "one audit entry per user");
      assert.deepEqual(await revokedStamps(users), stamps, "gatehouseRevokedAt is not stamped again");
      const rows = [];
      for await (const page of jobs.allJobResults(admin, created.id)) rows.push(...page);
      assert.deepEqual(
        rows.map((r) => [r.entry, r.outcome]),
        users.map((u) => [u.email, "ok"]),
      );
    });

    test("a block job blocks each user for its duration; a delete job needs step-up once, at its start", async () => {
      const blocked = await seedUsers("block", 4, 1);
      const blockJob = await jobs.createListJob(admin, { action: "block", duration: "7d", entries: blocked.map((u) => u.id), reason: "abuse wave" });
      assert.equal(blockJob.for, "7d");
      const { job } = await runToEnd(admin, blockJob);
      assert.deepEqual(job.counts, { ok: 4, partial: 0, failed: 0, notFound: 0 });
      for (const user of blocked) {
        const item = (await adapter.getUser!(user.id)) as unknown as { gatehouseBlock?: { until?: string; reason: string } };
        assert.equal(item.gatehouseBlock?.reason, "abuse wave");
        assert.ok(Math.abs(Date.parse(item.gatehouseBlock!.until!) - Date.now() - 7 * 86_400_000) < 60_000);
      }
      assert.equal(await liveSessions(blocked), 0);

      const doomed = await seedUsers("delete", 3, 2);
      const list = doomed.map((u) => u.email);
      await assert.rejects(jobs.createListJob(staleAdmin, { action: "delete", entries: list, reason: "spam accounts" }), /sign in again/i);
      const deleteJob = await jobs.createListJob(admin, { action: "delete", entries: list, reason: "spam accounts" });
      // Its steps run under the job: the operator's sign-in may age past the step-up window meanwhile.
      const done = await runToEnd(staleAdmin, deleteJob, 2);
      assert.deepEqual(done.job.counts, { ok: 3, partial: 0, failed: 0, notFound: 0 });
      for (const user of doomed) assert.equal(await adapter.getUser!(user.id), null);
      const perUser = (await entriesOf(deleteJob.id)).filter((e) => e.action === "delete-user");
      assert.equal(perUser.length, 3);
      assert.ok(
        perUser.every((e) => e.undoUntil),
        "each deletion can be undone from the audit log",
      );
    });

    test("lists that are empty or too long are refused before anything is written", async () => {
      await assert.rejects(jobs.createListJob(admin, { action: "revoke-all", entries: "\n \n", reason: "empty" }), /The list is empty/);
      const huge = Array.from({ length: 10_001 }, (_, i) => `u${i}@example.com`);
      await assert.rejects(jobs.createListJob(admin, { action: "revoke-all", entries: huge, reason: "huge" }), /at most 10,000/);
      await assert.rejects(jobs.createListJob(viewer, { action: "revoke-all", entries: ["a@b.test"], reason: "viewer" }), /admin role/);
    });

    test("through /api/v1/jobs: scopes, dry run, steps, status, results, problem+json", async () => {
      const users = await seedUsers("api", 5, 2);
      const entries = [...users.map((u) => u.email), `nobody-${randomUUID()}@example.com`];
      const body = { action: "revoke-all", entries, reason: "api bulk" };
      assert.equal((await callRoute(routes.create, { body: { ...body, dryRun: true } })).status, 401);
      const refused = await callRoute(routes.create, { key: key.read, body: { ...body, dryRun: true } });
      assert.equal(refused.status, 403);
      assert.match(refused.json.detail, /sessions:write scope/);
      assert.equal((await callRoute(routes.create, { key: key["users:write"], body: { ...body, dryRun: true } })).status, 403);
      // A dry run is a read: the action's scope alone is not enough.
      const writeOnly = await callRoute(routes.create, { key: key["sessions:write"], body: { ...body, dryRun: true } });
      assert.equal(writeOnly.status, 403);
      assert.match(writeOnly.json.detail, /read scope/);
      const dry = await callRoute(routes.create, { key: key["read+sessions:write"], body: { ...body, dryRun: true } });
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual({ found: dry.json.preview.found, notFound: dry.json.preview.notFound.length }, { found: 5, notFound: 1 });
      assert.equal(await liveSessions(users), 10, "the dry run changed nothing");
      assert.equal(
        (await callRoute(routes.create, { key: key["read+sessions:write"], body: { ...body, action: "block", dryRun: true } })).status,
        400,
        "block without a duration",
      );

      const bad = await callRoute(routes.create, { key: key.admin, body: { ...body, for: "7d" } });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get("content-type"), "application/problem+json");
      assert.deepEqual(
        bad.json.errors.map((e: { path: string }) => e.path),
        ["body.for"],
      );
      assert.equal((await callRoute(routes.create, { key: key.admin, body: { ...body, entries: [] } })).json.errors[0].path, "body.entries");

      const created = await callRoute(routes.create, { key: key.admin, body });
      assert.equal(created.status, 200, created.text);
      const id = created.json.job.id as string;
      assert.equal(created.json.job.apiKey.name, "admin key");
      const stranger = await callRoute(routes.step, { key: key["admin 2"], params: { id }, body: { cursor: created.json.job.cursor } });
      assert.equal(stranger.status, 403, "only the key that created the job steps it");
      let cursor: string | null = created.json.job.cursor;
      while (cursor) {
        const step = await callRoute(routes.step, { key: key.admin, params: { id }, body: { cursor, size: 2 } });
        assert.equal(step.status, 200, step.text);
        cursor = step.json.job.cursor;
      }
      assert.equal(await liveSessions(users), 0);
      const status = await callRoute(routes.status, { key: key.read, params: { id } });
      assert.equal(status.status, 200);
      assert.deepEqual(status.json.job.counts, { ok: 5, partial: 0, failed: 0, notFound: 1 });
      const results = await callRoute(routes.results, { key: key.read, params: { id }, query: { limit: "4" } });
      assert.equal(results.status, 200);
      assert.deepEqual(
        results.json.results.map((r: { entry: string }) => r.entry),
        entries.slice(0, 4),
      );
      const rest = await callRoute(routes.results, { key: key.read, params: { id }, query: { cursor: results.json.nextCursor } });
      assert.deepEqual(
        rest.json.results.map((r: { outcome: string }) => r.outcome),
        ["ok", "not-found"],
      );
      assert.equal(rest.json.nextCursor, null);
      for (const user of users)
        for (const token of user.tokens)
          assert.ok(![created.text, status.text, results.text, rest.text].some((t) => t.includes(token)), "no session token in any answer");
      assert.equal((await callRoute(routes.status, { key: key.read, params: { id: randomUUID() } })).status, 404);
      assert.equal((await callRoute(routes.status, { key: key.read, params: { id: "not-a-job" } })).status, 400);
      const tampered = await callRoute(routes.step, { key: key.admin, params: { id }, body: { cursor: "A".repeat(60) } });
      assert.equal(tampered.status, 400);
      assert.equal((await callRoute(routes.step, { key: key.admin, params: { id: randomUUID() }, body: { cursor: created.json.job.cursor } })).status, 404);

      const held = await callRoute(routes.create, { key: key.admin, body: { ...body, entries: [users[0]!.email] } });
      await dynamo.doc.update({
        TableName: gatehouse.schema.tableName,
        Key: gatehouse.jobKey(held.json.job.id),
        UpdateExpression: "SET stepUntil = :u",
        ExpressionAttributeValues: { ":u": Date.now() + 20_000 },
      });
      const busy = await callRoute(routes.step, { key: key.admin, params: { id: held.json.job.id }, body: { cursor: held.json.job.cursor } });
      assert.equal(busy.status, 409);
      assert.equal(busy.json.type, "urn:gatehouse:problem:job-step-running", "a client can tell a running step from a refusal");
      assert.ok(Number(busy.headers.get("retry-after")) >= 1 && Number(busy.headers.get("retry-after")) <= 20);
    });
  });
}
