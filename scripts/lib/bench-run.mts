/**
 * The benchmark itself (issue 6). Run through `npm run bench`, which starts this file under
 * `--conditions=react-server` so the real DAL (server-only modules) can be imported.
 *
 * DynamoDB Local in memory → a table of N items in the adapter's exact shapes → lookups through
 * the DAL vs. the generic Scan+FilterExpression way → first pages over HTTP from the standalone
 * server → a list job (revoke-all on 1,000 listed users) through the served console's /api/v1/jobs
 * → bulk actions through the DAL → first-load JS per route from the build → one table on stdout
 * and the same figures as JSON.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { ConsumedCapacity, DynamoDB } from "@aws-sdk/client-dynamodb";
import type { AdapterSession } from "next-auth/adapters";
import { consoleMark } from "@/lib/auth/console-mark";
import type { TableSchema } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { adapterItems, planItems, type StoredItem, sequentialIds, writeItems } from "./adapter-items";
import { benchListJob, type ListJobFigures } from "./bench-list-job";
import { browseUnderLoad, heapSnapshot, type LoadResult, residentBytes, signInOperators } from "./bench-load";
import { buildApp, buildIsStale, root, standaloneServer } from "./build";
import { type ConsoleServer, startConsoleServer } from "./console-server";
import { createRng, planDemoData } from "./demo-data";
import { startDynamoLocal } from "./dynamodb-local";
import { startMailCatcher } from "./mail-catcher";
import { signedInOperator } from "./operators";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    runs: { type: "string", default: "20" },
    "scan-runs": { type: "string" },
    out: { type: "string", default: "bench-results/bench.json" },
    seed: { type: "string", default: "6" },
    build: { type: "boolean", default: false },
    "skip-app": { type: "boolean", default: false },
    load: { type: "boolean", default: false },
    "load-seconds": { type: "string", default: "60" },
    "load-warmup": { type: "string", default: "20" },
    operators: { type: "string", default: "20" },
    "heap-snapshots": { type: "string" },
    "html-dir": { type: "string" },
    "list-users": { type: "string", default: "1000" },
    "list-sessions": { type: "string", default: "5" },
    "list-step": { type: "string", default: "50" },
  },
});
const N = Number(values.items);
const RUNS = Number(values.runs);
const SCAN_RUNS = Number(values["scan-runs"] ?? Math.min(RUNS, 3));
const SEED = Number(values.seed);
const LOAD_SECONDS = Number(values["load-seconds"]);
const LOAD_WARMUP = Number(values["load-warmup"]);
const OPERATORS = Number(values.operators);
const LIST_USERS = Number(values["list-users"]);
const LIST_SESSIONS = Number(values["list-sessions"]);
const LIST_STEP = Number(values["list-step"]);
for (const [flag, value, min] of [
  ["--items", N, 100],
  ["--runs", RUNS, 1],
  ["--scan-runs", SCAN_RUNS, 1],
  ["--load-seconds", LOAD_SECONDS, 1],
  ["--load-warmup", LOAD_WARMUP, 0],
  ["--operators", OPERATORS, 1],
  ["--list-users", LIST_USERS, 0],
  ["--list-sessions", LIST_SESSIONS, 1],
  ["--list-step", LIST_STEP, 1],
] as const) {
  if (!Number.isInteger(value) || value < min) throw new Error(`${flag}: expected a whole number ≥ ${min}`);
}

// ---------------------------------------------------------------- measuring helpers

interface Counter {
  commands: string[];
  readUnits: number;
  writeUnits: number;
}
const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem"]);
const WRITES = new Set(["PutItem", "DeleteItem", "UpdateItem", "BatchWriteItem"]);

/** Counts every request a client sends and the capacity it consumed (asking for TOTAL where the caller didn't). */
function instrument(raw: DynamoDB): Counter {
  const counter: Counter = { commands: [], readUnits: 0, writeUnits: 0 };
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      counter.commands.push(command);
      const input = args.input as { ReturnConsumedCapacity?: string };
      if ((READS.has(command) || WRITES.has(command)) && !input.ReturnConsumedCapacity) input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const capacity = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
        if (READS.has(command)) counter.readUnits += c.ReadCapacityUnits ?? c.CapacityUnits ?? 0;
        else counter.writeUnits += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "benchCounter" },
  );
  return counter;
}

interface Sample {
  ms: number;
  requests: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

async function measure(counter: Counter, work: () => Promise<unknown>): Promise<Sample> {
  counter.commands.length = 0;
  counter.readUnits = 0;
  counter.writeUnits = 0;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const byCommand: Record<string, number> = {};
  for (const c of counter.commands) byCommand[c] = (byCommand[c] ?? 0) + 1;
  return { ms, requests: counter.commands.length, readUnits: counter.readUnits, writeUnits: counter.writeUnits, byCommand };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const summary = (samples: Sample[]) => ({
  runs: samples.length,
  p50Ms: round(
    quantile(
      samples.map((s) => s.ms),
      0.5,
    ),
  ),
  p95Ms: round(
    quantile(
      samples.map((s) => s.ms),
      0.95,
    ),
  ),
  requestsP50: quantile(
    samples.map((s) => s.requests),
    0.5,
  ),
  requestsMax: Math.max(...samples.map((s) => s.requests)),
  readUnitsP50: round(
    quantile(
      samples.map((s) => s.readUnits),
      0.5,
    ),
  ),
  readUnitsMax: round(Math.max(...samples.map((s) => s.readUnits))),
});
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message: string) => console.log(`[bench] ${message}`);

// ---------------------------------------------------------------- the engine and the data

const defaults = { partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" };
const product: TableSchema = { tableName: "bench-product", ...defaults };
const gatehouse: TableSchema = { tableName: "bench-gatehouse", ...defaults };
// Signed in just now, as a console session would say: Delete user and Purge expired need a recent sign-in.
const ADMIN = signedInOperator("bench@ops.test", "admin");

const startedAt = Date.now();
log(`DynamoDB Local (in memory), ${N.toLocaleString("en")} items, ${RUNS} runs (${SCAN_RUNS} for the Scan way)`);
const engine = await startDynamoLocal();
let server: ConsoleServer | undefined;
let mail: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
const cleanup = async () => {
  server?.stop();
  await mail?.stop();
  await engine.stop();
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().then(() => process.exit(143)));

try {
  const bench = createDynamoClients({ endpoint: engine.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await ensureTable(bench.raw, product, { ttl: false }); // DynamoDB Local's TTL would delete the expired items mid-run
  await ensureTable(bench.raw, gatehouse, { ttl: false });

  // Plan about N items of demo data (≈4 items per user), then top up with pending sign-in tokens to exactly N.
  const nowAtFill = Date.now();
  const probe =
    planItems(
      product,
      planDemoData({ users: 1000, seed: SEED, now: nowAtFill }),
      sequentialIds(() => "x"),
    ).items.length / 1000;
  const plan = planDemoData({ users: Math.max(1, Math.floor(N / probe)), seed: SEED, now: nowAtFill });
  const ids = createRng(SEED ^ 0x5eed);
  const { items, userIds } = planItems(
    product,
    plan,
    sequentialIds(() => ids.uuid()),
  );
  const build = adapterItems(product);
  const rng = createRng(SEED + 1);
  for (let n = 0; items.length < N; n++) {
    items.push(
      build.verificationToken({ identifier: `bench-newcomer${n}@example.test`, token: rng.hex(64), expires: new Date(nowAtFill + rng.int(1, 23) * 3600_000) }),
    );
  }
  items.length = N;

  // Fixtures for the actions, on top of the N items.
  const fixtures: StoredItem[] = [];
  const revokeUser = { id: randomUUID(), email: "bench-revoke@example.test" };
  fixtures.push(build.user(revokeUser.id, { email: revokeUser.email, name: "Revoke Me", emailVerified: new Date(nowAtFill) }));
  for (let i = 0; i < 1000; i++) fixtures.push(build.session(revokeUser.id, { sessionToken: randomUUID(), expires: new Date(nowAtFill + 24 * 3600_000 + i) }));
  const deleteTarget = { id: randomUUID(), email: "bench-delete@example.test" };
  fixtures.push(build.user(deleteTarget.id, { email: deleteTarget.email, name: "Delete Me", emailVerified: new Date(nowAtFill) }));
  for (const provider of ["github", "google", "okta"]) {
    fixtures.push(
      build.account(deleteTarget.id, randomUUID(), {
        type: "oauth",
        provider,
        providerAccountId: `bench-${provider}`,
        access_token: "at_bench",
        token_type: "bearer",
      }),
    );
  }
  for (let i = 0; i < 994; i++) fixtures.push(build.session(deleteTarget.id, { sessionToken: randomUUID(), expires: new Date(nowAtFill + 24 * 3600_000 + i) }));
  for (let i = 0; i < 2; i++)
    fixtures.push(build.verificationToken({ identifier: deleteTarget.email, token: rng.hex(64), expires: new Date(nowAtFill + 600_000) }));
  // Expired items: the demo data has some; add expired sessions of random users up to 10,000.
  const isExpired = (item: StoredItem) =>
    typeof item.expires === "number" && item.expires < nowAtFill / 1000 && (item.type === "SESSION" || item.type === "VT");
  const expiredInData = items.filter(isExpired).length;
  for (let i = expiredInData; i < 10_000; i++) {
    fixtures.push(
      build.session(userIds[rng.int(0, userIds.length - 1)]!, {
        sessionToken: randomUUID(),
        expires: new Date(nowAtFill - rng.int(1, 72) * 3600_000 - rng.int(0, 999)),
      }),
    );
  }
  const expiredTotal = Math.max(expiredInData, 10_000);

  const all = [...items, ...fixtures];
  const fillStarted = performance.now();
  let lastShown = 0;
  const filled = await writeItems(bench.doc, product.tableName, all, {
    concurrency: 8,
    onProgress: (written, total) => {
      if (written - lastShown >= 10_000 || written === total) {
        lastShown = written;
        process.stdout.write(
          `\r[bench] filling: ${written.toLocaleString("en")} / ${total.toLocaleString("en")} items (${Math.round(written / ((performance.now() - fillStarted) / 1000))}/s)   `,
        );
      }
    },
  });
  process.stdout.write("\n");
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  log(
    `filled ${filled.written.toLocaleString("en")} items (${N.toLocaleString("en")} demo + ${fixtures.length.toLocaleString("en")} fixtures; ${expiredTotal.toLocaleString("en")} expired) in ${fillSeconds.toFixed(1)} s with ${filled.requests} BatchWriteItem requests`,
  );

  // ---------------------------------------------------------------- the DAL, configured like the app
  Object.assign(process.env, {
    AUTH_DYNAMODB_ENDPOINT: engine.endpoint,
    AUTH_DYNAMODB_ID: "local",
    AUTH_DYNAMODB_SECRET: "local",
    AUTH_DYNAMODB_TABLE: product.tableName,
    GATEHOUSE_TABLE: gatehouse.tableName,
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    AUTH_URL: "http://localhost:3000", // the DAL's config needs one; the console server gets its own
    GATEHOUSE_ADMINS: "@ops.test",
    GATEHOUSE_VIEWERS: "",
  });
  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  const dalCounter = instrument(serverDynamo().raw);
  const dal = {
    users: await import("@/lib/dal/users"),
    sessions: await import("@/lib/dal/sessions"),
    accounts: await import("@/lib/dal/accounts"),
    detail: await import("@/lib/dal/user-detail"),
    revoke: await import("@/lib/dal/revoke"),
    deleteUser: await import("@/lib/dal/delete-user"),
    purge: await import("@/lib/dal/purge"),
  };
  const naive = createDynamoClients({ endpoint: engine.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const naiveCounter = instrument(naive.raw);

  // Targets: random users, live sessions and accounts of the demo data, a different one each run.
  const pickRng = createRng(SEED + 2);
  const demoUsers = items.filter((i) => i.type === "USER");
  const demoSessions = items.filter((i) => i.type === "SESSION");
  const demoAccounts = items.filter((i) => String(i.sk).startsWith("ACCOUNT#"));
  const pick = <T,>(list: T[]) => list[pickRng.int(0, list.length - 1)]!;
  const targets = Array.from({ length: RUNS + 2 }, () => ({
    user: pick(demoUsers),
    session: pick(demoSessions),
    account: pick(demoAccounts),
    detail: pick(demoUsers),
  }));

  /** What a generic DynamoDB browser does: Scan with a FilterExpression, page after page until found (or to the end). */
  async function scanUntil(filter: string, names: Record<string, string>, vals: Record<string, unknown>, toTheEnd = false) {
    let start: Record<string, unknown> | undefined;
    const found: StoredItem[] = [];
    do {
      const page = await naive.doc.scan({
        TableName: product.tableName,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: vals,
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      });
      found.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && (toTheEnd || found.length === 0));
    if (!found.length) throw new Error(`the Scan way found nothing for ${JSON.stringify(vals)}`);
    return found;
  }

  const questions = [
    {
      name: "user by email",
      dal: async (t: (typeof targets)[number]) => {
        const r = await dal.users.lookUpUser(ADMIN, String(t.user.email));
        if (r.id !== t.user.id) throw new Error("lookUpUser found the wrong user");
      },
      scan: (t: (typeof targets)[number]) => scanUntil("#g = :g", { "#g": "GSI1PK" }, { ":g": `USER#${t.user.email}` }),
    },
    {
      name: "session by token",
      dal: async (t: (typeof targets)[number]) => {
        const r = await dal.sessions.lookUpSession(ADMIN, String(t.session.sessionToken));
        if (r.userId !== t.session.userId) throw new Error("lookUpSession found the wrong user");
      },
      scan: (t: (typeof targets)[number]) => scanUntil("#sk = :s", { "#sk": "sk" }, { ":s": `SESSION#${t.session.sessionToken}` }),
    },
    {
      name: "account by provider + id",
      dal: async (t: (typeof targets)[number]) => {
        const r = await dal.accounts.lookUpAccount(ADMIN, String(t.account.provider), String(t.account.providerAccountId));
        if (r.userId !== t.account.userId) throw new Error("lookUpAccount found the wrong user");
      },
      scan: (t: (typeof targets)[number]) =>
        scanUntil("#p = :p AND #a = :a", { "#p": "provider", "#a": "providerAccountId" }, { ":p": t.account.provider, ":a": t.account.providerAccountId }),
    },
    {
      name: "user detail (accounts+sessions+tokens)",
      dal: async (t: (typeof targets)[number]) => {
        const r = await dal.detail.getUserDetail(ADMIN, String(t.detail.id));
        if (!r) throw new Error("getUserDetail found no user");
      },
      // Everything of the user is spread over the table: a browser must read to the end to have it all.
      scan: (t: (typeof targets)[number]) =>
        scanUntil("#pk = :u OR #pk = :vt", { "#pk": "pk" }, { ":u": `USER#${t.detail.id}`, ":vt": `VT#${t.detail.email}` }, true),
    },
  ];

  const lookups = [];
  for (const q of questions) {
    for (const t of targets.slice(0, 2)) await q.dal(t); // warm-up
    const viaDal: Sample[] = [];
    for (const t of targets.slice(2)) viaDal.push(await measure(dalCounter, () => q.dal(t)));
    const viaScan: Sample[] = [];
    for (const t of targets.slice(2, 2 + SCAN_RUNS)) viaScan.push(await measure(naiveCounter, () => q.scan(t)));
    const d = summary(viaDal);
    const s = summary(viaScan);
    const entry = {
      question: q.name,
      dal: d,
      scan: s,
      ratio: {
        time: round(s.p50Ms / d.p50Ms, 0),
        requests: round(s.requestsP50 / d.requestsP50, 1),
        readUnits: round(s.readUnitsP50 / Math.max(d.readUnitsP50, 0.5), 0),
      },
    };
    lookups.push(entry);
    log(`${q.name}: DAL p50 ${d.p50Ms} ms, ${d.requestsMax} req, ${d.readUnitsP50} RCU | Scan p50 ${s.p50Ms} ms, ${s.requestsP50} req, ${s.readUnitsP50} RCU`);
  }

  // ---------------------------------------------------------------- first pages over HTTP
  const pages: { path: string; status: number; runs: number; p50Ms: number; p95Ms: number; bytes: number; htmlScriptsGzipBytes: number }[] = [];
  let appNote: string | undefined;
  let load: (LoadResult & { rssColdMB: number; warmupSeconds: number; rssStartMB: number; rssEndMB: number }) | undefined;
  let listJob: ListJobFigures | undefined;
  if (values["skip-app"]) appNote = "skipped (--skip-app)";
  else {
    if (!existsSync(standaloneServer) || (values.build && buildIsStale())) {
      log("building the app (next build)…");
      if (!buildApp(process.env)) throw new Error("next build failed");
    } else if (buildIsStale()) log("note: the build is older than the sources; measuring it as is (pass --build to rebuild)");

    // An operator session made by the real adapter in Gatehouse's table, sent as the session cookie.
    const operatorAdapter = DynamoDBAdapter(bench.doc, gatehouse);
    const operator = await operatorAdapter.createUser!({ id: "", email: ADMIN.email, emailVerified: new Date(), name: "Bench Operator" });
    const sessionToken = randomUUID();
    // A console session as Gatehouse writes one: it carries the mark, or the console refuses it.
    const now = Date.now();
    await operatorAdapter.createSession!({
      sessionToken,
      userId: operator.id,
      expires: new Date(now + 3600_000),
      ...{
        gatehouseConsole: consoleMark(String(process.env.AUTH_SECRET), sessionToken),
        signedInAt: now,
        lastUsedAt: now,
        clientIp: "127.0.0.1",
        userAgent: "bench",
      },
    } as AdapterSession);

    if (values.load) mail = await startMailCatcher();
    server = await startConsoleServer({
      AUTH_DYNAMODB_REGION: "us-east-1",
      AUTH_EMAIL_SERVER: mail?.smtpUrl ?? "",
      // The bench measures the console, not its limits: its operators sign in and read far more than any limit allows.
      GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off,read-units=off",
      // --heap-snapshots <dir>: the server writes a heap snapshot (after a full GC) on SIGUSR2.
      ...(values["heap-snapshots"] ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${path.resolve(values["heap-snapshots"])}` } : {}),
    });
    const { url: base, output } = server;
    const get = async (route: string) => {
      const started = performance.now();
      const response = await fetch(`${base}${route}`, { headers: { cookie: `authjs.session-token=${sessionToken}` }, redirect: "manual" });
      const body = await response.text();
      if (values["html-dir"]) {
        mkdirSync(values["html-dir"], { recursive: true });
        writeFileSync(path.join(values["html-dir"], `${route.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}.html`), body);
      }
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`GET ${route}: ${response.status} ${response.headers.get("location") ?? ""}\n${output().slice(-3000)}`);
      if (!body.includes(ADMIN.email)) throw new Error(`GET ${route}: the page does not show the signed-in operator`);
      // noModule scripts (the legacy polyfills) are skipped by every browser that runs modules.
      const tags = [...body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!).filter((attributes) => !/nomodule/i.test(attributes));
      return { ms, bytes: body.length, scripts: tags.flatMap((attributes) => attributes.match(/src="\/_next\/([^"?]+)/)?.[1] ?? []) };
    };
    const detailRoute = `/users/${encodeURIComponent(String(targets[0]!.detail.id))}`;
    for (const route of ["/users", "/sessions", "/accounts?provider=github", detailRoute]) {
      await get(route);
      await get(route); // two warm-ups
      const times: number[] = [];
      let bytes = 0;
      let scripts: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await get(route);
        times.push(r.ms);
        bytes = r.bytes;
        scripts = r.scripts;
      }
      // Cross-check of the manifest figure below: the script files this page's HTML actually loads.
      const htmlScriptsGzipBytes = [...new Set(scripts)].reduce((sum, f) => sum + gzipSync(readFileSync(path.join(root, ".next", f)), { level: 9 }).length, 0);
      pages.push({
        path: route,
        status: 200,
        runs: RUNS,
        p50Ms: round(quantile(times, 0.5)),
        p95Ms: round(quantile(times, 0.95)),
        bytes,
        htmlScriptsGzipBytes,
      });
      log(`GET ${route}: p50 ${pages.at(-1)!.p50Ms} ms, p95 ${pages.at(-1)!.p95Ms} ms, ${bytes.toLocaleString("en")} bytes of HTML`);
    }

    if (values.load) {
      log(`load: signing ${OPERATORS} operators in through the magic-link flow…`);
      const cookies = await signInOperators(
        base,
        mail!.apiUrl,
        Array.from({ length: OPERATORS }, (_, i) => `load-operator-${i + 1}@ops.test`),
      );
      // Warm-up: the same load for --load-warmup seconds, so that "start" is the memory of a server
      // that has reached its working set under 20 concurrent renders (JIT code, V8's heap sized for
      // them), and growth is what the measured run kept on top of it.
      log(`load: warming up for ${LOAD_WARMUP} s…`);
      const rssCold = residentBytes(server.process.pid!);
      if (LOAD_WARMUP > 0) await browseUnderLoad(base, cookies, userIds, LOAD_WARMUP);
      const heapStart = values["heap-snapshots"] ? await heapSnapshot(server.process, path.resolve(values["heap-snapshots"])) : undefined;
      const rssStart = residentBytes(server.process.pid!);
      log(`load: ${OPERATORS} operators browse /users, /sessions and /users/<id> for ${LOAD_SECONDS} s (server RSS ${round(rssStart / 2 ** 20)} MB)…`);
      const result = await browseUnderLoad(base, cookies, userIds, LOAD_SECONDS);
      const rssEnd = residentBytes(server.process.pid!);
      if (heapStart !== undefined) {
        const heapEnd = await heapSnapshot(server.process, path.resolve(values["heap-snapshots"]!));
        log(`load: live JS heap after a full GC ${round(heapStart / 2 ** 20)} → ${round(heapEnd / 2 ** 20)} MB (snapshots in ${values["heap-snapshots"]})`);
      }
      load = {
        ...result,
        rssColdMB: round(rssCold / 2 ** 20),
        warmupSeconds: LOAD_WARMUP,
        rssStartMB: round(rssStart / 2 ** 20),
        rssEndMB: round(rssEnd / 2 ** 20),
      };
      log(
        `load: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms, ${load.non2xx} non-2xx, RSS ${load.rssStartMB} → ${load.rssEndMB} MB`,
      );
    }

    if (LIST_USERS > 0) {
      // The key an operator creates at /settings/api-keys, made by the same DAL function in Gatehouse's table.
      const { createApiKey } = await import("@/lib/dal/api-keys");
      const { key } = await createApiKey(ADMIN, { name: "bench list job", scopes: ["read", "sessions:write"], expiresInDays: 7 });
      listJob = await benchListJob({ base, key, doc: bench.doc, product, users: LIST_USERS, sessionsPerUser: LIST_SESSIONS, step: LIST_STEP, log });
    }
    server.stop();
    server = undefined;
  }

  // ---------------------------------------------------------------- bulk actions through the DAL
  const revoke = await measure(dalCounter, async () => {
    const r = await dal.revoke.revokeUserSessions(ADMIN, { userId: revokeUser.id, reason: "bench" });
    if (r.counts?.revoked !== 1000) throw new Error(`revoke-all revoked ${JSON.stringify(r.counts)}`);
  });
  log(`revoke all 1,000 sessions: ${round(revoke.ms)} ms, ${JSON.stringify(revoke.byCommand)}`);
  const del = await measure(dalCounter, async () => {
    const r = await dal.deleteUser.deleteUser(ADMIN, { userId: deleteTarget.id, reason: "bench" });
    if (r.counts?.deleted !== 1000) throw new Error(`delete user deleted ${JSON.stringify(r.counts)}`);
  });
  log(`delete a user with 1,000 items: ${round(del.ms)} ms, ${JSON.stringify(del.byCommand)}`);
  let purged = 0;
  let steps = 0;
  const purge = await measure(dalCounter, async () => {
    let cursor: string | undefined;
    for (;;) {
      const r = await dal.purge.purgeExpiredStep(ADMIN, { reason: "bench", cursor });
      steps++;
      purged = r.deleted;
      if (r.done) break;
      cursor = r.cursor ?? undefined;
    }
  });
  log(`purge expired: ${purged} items in ${steps} steps, ${round(purge.ms)} ms, ${JSON.stringify(purge.byCommand)}`);
  if (purged !== expiredTotal) throw new Error(`purge deleted ${purged}, expected ${expiredTotal}`);

  // ---------------------------------------------------------------- first-load JS per route, from the build
  const dotNext = path.join(root, ".next");
  const firstLoad: { route: string; files: number; gzipBytes: number }[] = [];
  if (existsSync(path.join(dotNext, "app-path-routes-manifest.json"))) {
    const routes = JSON.parse(readFileSync(path.join(dotNext, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    const buildManifest = JSON.parse(readFileSync(path.join(dotNext, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    const gz = new Map<string, number>();
    const size = (file: string) => gz.get(file) ?? gz.set(file, gzipSync(readFileSync(path.join(dotNext, file)), { level: 9 }).length).get(file)!;
    for (const [entry, route] of Object.entries(routes)) {
      if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
      const manifestFile = path.join(dotNext, "server", "app", `${entry}_client-reference-manifest.js`);
      if (!existsSync(manifestFile)) continue;
      const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
      sandbox.globalThis = sandbox;
      vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
      const manifest = sandbox.__RSC_MANIFEST?.[entry];
      // Everything the route's HTML loads: the root main files plus the chunks of its layouts, page and boundaries.
      const files = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest?.entryJSFiles ?? {}).flat()]);
      firstLoad.push({ route, files: files.size, gzipBytes: [...files].reduce((sum, f) => sum + size(f), 0) });
    }
  }

  // ---------------------------------------------------------------- report
  const rows: [string, string, string, string][] = [];
  const status = (ok: boolean) => (ok ? "PASS" : "MISS");
  for (const l of lookups) {
    // Pending sign-in tokens live in their own partition (VT#<email>): user detail is two Queries, whatever the table size.
    const expected = l.question.startsWith("user detail") ? 2 : 1;
    rows.push([
      `${l.question}: DAL`,
      `p50 ${l.dal.p50Ms} ms, p95 ${l.dal.p95Ms} ms, ${l.dal.requestsMax} req, ${l.dal.readUnitsP50} RCU`,
      expected === 1 ? "1 request" : "2 requests at any table size",
      status(l.dal.requestsMax === expected),
    ]);
    rows.push([`${l.question}: Scan way`, `p50 ${l.scan.p50Ms} ms, p95 ${l.scan.p95Ms} ms, ${l.scan.requestsP50} req, ${l.scan.readUnitsP50} RCU`, "", ""]);
    rows.push([
      `${l.question}: ratio`,
      `time ${l.ratio.time}x, RCU ${l.ratio.readUnits}x, requests ${l.ratio.requests}x`,
      "time and RCU >= 100x (at 100k)",
      status(l.ratio.time >= 100 && l.ratio.readUnits >= 100),
    ]);
  }
  for (const p of pages) {
    const path = p.path.startsWith("/users/") ? "/users/<id>" : p.path;
    rows.push([
      `GET ${path} (first page)`,
      `p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms (HTML loads ${round(p.htmlScriptsGzipBytes / 1000)} kB JS gz)`,
      "p95 < 200 ms",
      status(p.p95Ms < 200),
    ]);
    rows.push([
      `HTML of GET ${path} (first page)`,
      `${round(p.bytes / 1000)} kB`,
      p.path === "/users" ? "< 64 kB (25 rows)" : "",
      p.path === "/users" ? status(p.bytes < 64_000) : "",
    ]);
  }
  if (load) {
    const errors = load.non2xx + load.errors + load.timeouts;
    const growth = load.rssEndMB - load.rssStartMB;
    rows.push([
      `load: ${load.operators} operators, ${load.seconds} s`,
      `${load.requestsPerSecond} req/s, ${load.requests.toLocaleString("en")} requests (${Object.entries(load.byRoute)
        .map(([r, n]) => `${r} ${n}`)
        .join(", ")})`,
      "",
      "",
    ]);
    rows.push(["load: latency", `p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms`, "p95 < 1.5 s", status(load.p95Ms < 1500)]);
    rows.push(["load: errors", `${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`, "0", status(errors === 0)]);
    rows.push([
      "load: server memory (RSS)",
      `${load.rssColdMB} MB idle, ${load.rssStartMB} MB after a ${load.warmupSeconds} s warm-up, ${load.rssEndMB} MB at end (${growth >= 0 ? "+" : ""}${round(growth)} MB)`,
      "growth < 50 MB",
      status(growth < 50),
    ]);
  }
  if (appNote) rows.push(["first pages over HTTP", appNote, "p95 < 200 ms", "n/a"]);
  if (listJob) {
    const j = listJob;
    rows.push([
      `list job: revoke-all, ${j.users.toLocaleString("en")} users × ${j.sessionsPerUser} sessions (API)`,
      `${round(j.totalMs / 1000)} s, ${j.steps} steps of ${j.stepSize}, ${j.perUserMs} ms/user, ${j.writeRequests.toLocaleString("en")} write req, ${round(j.writeUnits).toLocaleString("en")} WCU (${j.writeUnitsPerSecond} WCU/s)`,
      "",
      "",
    ]);
    rows.push([
      `list job: sessions of the listed users left`,
      `${j.sessionsDeleted.toLocaleString("en")} deleted, ${j.sessionsLeft} left (dry run ${j.dryRun.ms} ms)`,
      "0 left",
      status(j.sessionsLeft === 0),
    ]);
  } else if (LIST_USERS > 0) rows.push(["list job", "skipped (--skip-app: it runs through the served console's API)", "", "n/a"]);
  const batchWrites = (s: Sample) => s.byCommand.BatchWriteItem ?? 0;
  const auditWrites = (s: Sample) => (s.byCommand.PutItem ?? 0) + (s.byCommand.UpdateItem ?? 0);
  rows.push([
    "revoke all 1,000 sessions of a user",
    `${round(revoke.ms)} ms, ${batchWrites(revoke)} BatchWriteItem (+${auditWrites(revoke)} audit-log writes), ${revoke.requests} req in all, ${round(revoke.writeUnits)} WCU`,
    "<= 40 BatchWriteItem, < 3 s",
    status(batchWrites(revoke) <= 40 && revoke.ms < 3000),
  ]);
  rows.push([
    "delete a user with 1,000 items",
    `${round(del.ms)} ms, ${batchWrites(del)} BatchWriteItem, ${del.requests} req in all, ${round(del.writeUnits)} WCU`,
    "",
    "",
  ]);
  rows.push([
    `purge ${purged.toLocaleString("en")} expired items`,
    `${round(purge.ms)} ms, ${steps} steps, ${purge.byCommand.Scan ?? 0} Scan + ${batchWrites(purge)} BatchWriteItem, ${purge.requests} req in all, ${round(purge.readUnits)} RCU, ${round(purge.writeUnits)} WCU`,
    "",
    "",
  ]);
  for (const f of firstLoad)
    rows.push([`first-load JS ${f.route}`, `${round(f.gzipBytes / 1000)} kB gzipped (${f.files} files)`, "< 150 kB", status(f.gzipBytes < 150_000)]);

  const header: [string, string, string, string] = ["measure", "figure", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  console.log("");
  console.log(
    `Gatehouse benchmark: ${N.toLocaleString("en")} items (+${fixtures.length.toLocaleString("en")} fixtures), ${RUNS} runs, DynamoDB Local in memory, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));

  const result = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    items: N,
    fixtures: fixtures.length,
    runs: RUNS,
    scanRuns: SCAN_RUNS,
    fill: { seconds: round(fillSeconds), requests: filled.requests, itemsPerSecond: Math.round(filled.written / fillSeconds) },
    lookups,
    pages,
    load,
    listJob,
    actions: {
      revokeAll: { sessions: 1000, ms: round(revoke.ms), byCommand: revoke.byCommand, writeUnits: round(revoke.writeUnits) },
      deleteUser: { items: 1000, ms: round(del.ms), byCommand: del.byCommand, writeUnits: round(del.writeUnits) },
      purgeExpired: {
        items: purged,
        steps,
        ms: round(purge.ms),
        byCommand: purge.byCommand,
        readUnits: round(purge.readUnits),
        writeUnits: round(purge.writeUnits),
      },
    },
    firstLoadJs: firstLoad,
    table: rows.map(([measure, figure, target, verdict]) => ({ measure, figure, target, verdict })),
    totalSeconds: round((Date.now() - startedAt) / 1000),
  };
  const out = path.resolve(root, values.out!);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(root, out)} (${result.totalSeconds} s in all).`);
} finally {
  await cleanup();
}
