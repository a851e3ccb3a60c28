/**
 * The benchmark itself (issue 6). Run through `npm run bench`, which starts this file under
 * `--conditions=react-server` so the real DAL (server-only modules) can be imported.
 *
 * DynamoDB Local in memory → a table of N items in the adapter's exact shapes → lookups through
 * the DAL vs. the generic Scan+FilterExpression way → from the standalone server: the load run
 * (--load), a list job (revoke-all on 1,000 listed users) through /api/v1/jobs, then the first
 * page of every list → the activity phase (issue 21: a streamed table, its consumer, its pages) → bulk actions through the DAL → first-load JS per route from the build → one table on stdout
 * and the same figures as JSON. Each section is a function of its own (bench-*.ts); this file
 * runs them in order and owns what must be stopped at the end.
 */

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { createDynamoClients, marshallOptions } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { benchActions } from "./bench-actions";
import { type ActivityBenchFigures, benchActivity } from "./bench-activity";
import { benchDal } from "./bench-dal";
import { fillProductTable } from "./bench-data";
import { firstLoadJs } from "./bench-first-load";
import { benchListJob, type ListJobFigures } from "./bench-list-job";
import { type LoadFigures, measureLoad, memoryProbeEnv } from "./bench-load";
import { benchLookups, pickTargets } from "./bench-lookups";
import { instrument, log } from "./bench-measure";
import { benchOptions } from "./bench-options";
import { benchFirstPages, operatorSession, type PageFigures } from "./bench-pages";
import { report } from "./bench-report";
import { buildApp, buildIsStale, root, standaloneServer } from "./build";
import { type ConsoleServer, startConsoleServer } from "./console-server";
import { startDynamoLocal } from "./dynamodb-local";
import { startMailCatcher } from "./mail-catcher";
import { signedInOperator } from "./operators";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const options = benchOptions(process.argv.slice(2));
const defaults = { partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" };
const product: TableSchema = { tableName: "bench-product", ...defaults };
const gatehouse: TableSchema = { tableName: "bench-gatehouse", ...defaults };
// Signed in just now, as a console session would say: creating an API key, Delete user and Purge
// expired need a sign-in within GATEHOUSE_STEP_UP_MINUTES, and a million-item run takes longer.
const admin = () => signedInOperator("bench@ops.test", "admin");
const local = { region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } };

/**
 * The clients of the Scan way, as a generic DynamoDB browser has them: one attempt per page (a
 * retried page would be measured twice) and a socket timeout past the budget, since one 1 MB page
 * of a million-item table can take DynamoDB Local longer than the console's 20 s.
 */
function scanWayClients(endpoint: string, budgetSeconds: number) {
  const raw = new DynamoDB({ endpoint, ...local, maxAttempts: 1, requestHandler: { connectionTimeout: 2_000, socketTimeout: (budgetSeconds + 600) * 1000 } });
  return { raw, doc: DynamoDBDocument.from(raw, { marshallOptions }) };
}

const startedAt = Date.now();
log(
  `DynamoDB Local (in memory, ${options.engineHeapMB.toLocaleString("en")} MB heap), ${options.items.toLocaleString("en")} items, ` +
    `${options.runs} runs (${options.scanRuns} for the Scan way, at most ${options.scanBudgetSeconds} s each)`,
);
const engine = await startDynamoLocal({ heapMB: options.engineHeapMB });
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
  const bench = createDynamoClients({ endpoint: engine.endpoint, ...local });
  await ensureTable(bench.raw, product, { ttl: false }); // DynamoDB Local's TTL would delete the expired items mid-run
  await ensureTable(bench.raw, gatehouse, { ttl: false });
  const filled = await fillProductTable(bench.doc, product, options, log);

  const dal = await benchDal(engine.endpoint, product, gatehouse);
  const naive = scanWayClients(engine.endpoint, options.scanBudgetSeconds);
  const targets = pickTargets(filled.items, options);
  const lookups = await benchLookups({
    admin: admin(),
    bench: dal,
    naive,
    naiveCounter: instrument(naive.raw),
    product,
    targets,
    scanRuns: options.scanRuns,
    scanBudgetSeconds: options.scanBudgetSeconds,
  });

  // The served console: (with --load) the load run, then the list job through its API, then first pages.
  let pages: PageFigures[] = [];
  let appNote: string | undefined;
  let load: LoadFigures | undefined;
  let listJob: ListJobFigures | undefined;
  if (options.skipApp) appNote = "skipped (--skip-app)";
  else {
    if (!existsSync(standaloneServer) || (options.build && buildIsStale())) {
      log("building the app (next build)…");
      if (!buildApp(process.env)) throw new Error("next build failed");
    } else if (buildIsStale()) log("note: the build is older than the sources; measuring it as is (pass --build to rebuild)");

    const sessionToken = await operatorSession(bench.doc, gatehouse, admin().email);
    if (options.load) mail = await startMailCatcher();
    // With --load, the server preloads the bench's memory probe (scripts/lib/memory-probe.cjs).
    const probeDir = options.load ? mkdtempSync(path.join(os.tmpdir(), "gatehouse-memory-")) : undefined;
    server = await startConsoleServer({
      AUTH_DYNAMODB_REGION: "us-east-1",
      AUTH_EMAIL_SERVER: mail?.smtpUrl ?? "",
      // The bench measures the console, not its limits: its operators sign in and read far more than any limit allows.
      GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off,read-units=off",
      ...(probeDir ? memoryProbeEnv(probeDir, options.heapSnapshots) : {}),
    });
    if (mail && probeDir) {
      load = await measureLoad({
        server,
        mailApi: mail.apiUrl,
        userIds: filled.userIds,
        operators: options.operators,
        warmupSeconds: options.loadWarmup,
        seconds: options.loadSeconds,
        probeDir,
      });
      rmSync(probeDir, { recursive: true, force: true });
    }

    if (options.listUsers > 0) {
      // The key an operator creates at /settings/api-keys, made by the same DAL function in Gatehouse's table.
      const { createApiKey } = await import("@/lib/features/api-keys/server");
      const { key } = await createApiKey(admin(), { name: "bench list job", scopes: ["read", "sessions:write"], expiresInDays: 7 });
      const base = server.url;
      const { listUsers: users, listSessions: sessionsPerUser, listStep: step } = options;
      listJob = await benchListJob({ base, key, doc: bench.doc, product, users, sessionsPerUser, step, log });
    }
    // After the list job, whose thousand audit entries give /audit a full first page like the others.
    const detailRoute = `/users/${encodeURIComponent(String(targets[0]?.detail.id))}`;
    pages = await benchFirstPages({
      server,
      sessionToken,
      operatorEmail: admin().email,
      routes: ["/users", "/sessions", "/accounts?provider=github", "/verification-tokens", "/audit", detailRoute],
      runs: options.runs,
      htmlDir: options.htmlDir,
    });
    server.stop();
    server = undefined;
  }

  // The activity phase, on tables of its own: a streamed product table and the Gatehouse table its consumer fills.
  let activity: ActivityBenchFigures | undefined;
  if (options.activityWrites > 0) {
    activity = await benchActivity({
      endpoint: engine.endpoint,
      raw: bench.raw,
      doc: bench.doc,
      writes: options.activityWrites,
      lagRate: options.activityLagRate,
      lagSeconds: options.activityLagSeconds,
      runs: options.runs,
      operatorEmail: admin().email,
      htmlDir: options.htmlDir,
      log,
      serve: options.skipApp
        ? undefined
        : async (env) => {
            server = await startConsoleServer({
              ...env,
              AUTH_DYNAMODB_REGION: "us-east-1",
              GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off,read-units=off",
            });
            return server;
          },
    });
    server = undefined;
  }

  const actions = await benchActions(dal, admin, filled.actions);
  const firstLoad = firstLoadJs(path.join(root, ".next"));
  report({ options, fixtures: filled.actions.count, fill: filled.fill, lookups, pages, appNote, load, listJob, activity, actions, firstLoad, startedAt });
} finally {
  await cleanup();
}
