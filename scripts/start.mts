/**
 * `npm start` (and `npm run dev` with --dev): on the embedded default, starts DynamoDB Local
 * with data under .data/, creates the tables and demo data on first start, builds the app
 * when the build is missing or older than the source, then serves the console.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import "./lib/load-env";
import { ConfigError, type DynamoConfig, parseDynamoConfig, parseServerConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { restartStream } from "@/lib/dynamo/table-health";
import { type ActivityConfig, parseActivityConfig } from "@/lib/features/activity/config";
import type { ActivityStore } from "@/lib/features/activity/store";
import { buildApp, buildIsStale, root, standaloneServer } from "./lib/build";
import { mallocEnv } from "./lib/console-server";
import { DEMO_ACTIVITY_DAYS } from "./lib/demo-activity";
import { demoTrafficRefusal, startDemoTraffic } from "./lib/demo-traffic";
import { type DynamoLocal, startDynamoLocal } from "./lib/dynamodb-local";
import { type Clients, embeddedDataDir } from "./lib/engine";
import { beginDemoActivity, resumeDemoActivity, seedDemoData } from "./lib/seed";
import { setupTables } from "./lib/setup-tables";

const { values } = parseArgs({ options: { dev: { type: "boolean", default: false } } });
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(33).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

let engine: DynamoLocal | undefined;
let dynamo: ReturnType<typeof parseDynamoConfig>;
let activityConfig: ActivityConfig;
let trafficRefusal: string | undefined;
try {
  dynamo = parseDynamoConfig(env);
  activityConfig = parseActivityConfig(env, dynamo.engine);
  trafficRefusal = demoTrafficRefusal(env, dynamo);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

let dataFolder: string | undefined;
let embedded: { config: DynamoConfig; clients: Clients } | undefined;
/** Where the demo's month of backdated activity goes: noted with the demo data, written once the console is starting. */
let activityStore: ActivityStore | undefined;
if (dynamo.engine === "embedded") {
  dataFolder = embeddedDataDir(dynamo);
  const port = env.GATEHOUSE_DYNAMODB_PORT ? Number(env.GATEHOUSE_DYNAMODB_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) fail("GATEHOUSE_DYNAMODB_PORT: expected a port number (1-65535)");
  console.log("Starting DynamoDB Local (embedded)…");
  engine = await startDynamoLocal({ dataDir: dataFolder, port });
  env.GATEHOUSE_EMBEDDED_ENDPOINT = engine.endpoint;
  env.AUTH_SECRET ??= localSecret(path.resolve(dynamo.dataDir));
  const local = { ...dynamo, endpoint: engine.endpoint };
  const clients = createDynamoClients(local);
  embedded = { config: local, clients };
  activityStore = { doc: clients.doc, schema: local.gatehouse, retentionDays: activityConfig.retentionDays, shards: activityConfig.shards };
  // The embedded engine's own tables: a product table made before activity existed gets its stream here (free on DynamoDB Local).
  const { created } = await setupTables(clients, local, console.log, { enableStreams: true });
  if (created.includes(local.product.tableName)) {
    const counts = await seedDemoData(clients.doc, local.product, { users: 150, seed: 42 });
    console.log(
      `Loaded demo data: ${counts.users} users, ${counts.accounts} accounts, ${counts.sessions} sessions, ${counts.verificationTokens} verification tokens.`,
    );
    // The seed's writes are not product activity (its month is backdated below): the stream starts again after them.
    await restartStream(clients.raw, local.product);
    if (await beginDemoActivity(activityStore, counts.demoUsers, { seed: 42 }))
      console.log(`Loading ${DEMO_ACTIVITY_DAYS} days of demo activity in the background…`);
  }
}

let server: ReturnType<typeof parseServerConfig>;
try {
  server = parseServerConfig(env);
} catch (error) {
  await engine?.stop();
  fail(error instanceof ConfigError ? error.message : String(error));
}

if (!values.dev && buildIsStale()) {
  console.log("Building the console (next build)…");
  if (!buildApp(env)) {
    await engine?.stop();
    fail("next build failed; see above.");
  }
}

const port = env.PORT ?? "3000";
const host = env.HOSTNAME ?? (dynamo.engine === "embedded" ? "127.0.0.1" : "0.0.0.0");
const url = `http://localhost:${port}`;
const rows = [
  ["Console", url],
  ["Engine", dynamo.engine === "embedded" ? `DynamoDB Local ${engine?.endpoint} (127.0.0.1 only)` : (dynamo.endpoint ?? `AWS ${dynamo.region}`)],
  ...(dataFolder ? [["Data", path.relative(root, dataFolder) || dataFolder]] : []),
  ["Tables", `${dynamo.product.tableName} (product), ${dynamo.gatehouse.tableName} (Gatehouse)`],
  ...(embedded && !trafficRefusal ? [["Demo traffic", "a demo user signs in or out every 4-8 s (GATEHOUSE_DEMO_TRAFFIC=off stops it)"]] : []),
  ["Operators", `${server.admins.join(", ")} (admin)${server.viewers.length ? `; ${server.viewers.join(", ")} (viewer)` : ""}`],
  [
    "Sign-in link",
    server.email.mode === "console"
      ? "printed in this terminal (no SMTP configured)"
      : server.email.mode === "smtp"
        ? "sent by email (AUTH_EMAIL_SERVER)"
        : "SSO only",
  ],
];
console.log(`\n  Gatehouse\n${rows.map(([k = "", v]) => `  ${k.padEnd(13)}${v}`).join("\n")}\n`);

const command = values.dev ? [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", port, "-H", host] : [standaloneServer];
const next = spawn(process.execPath, command, { cwd: root, stdio: "inherit", env: { ...mallocEnv(env), ...env, PORT: port, HOSTNAME: host } });
// Here, in the interactive start only: the e2e suite and the bench start the server themselves, on data that must hold still.
const traffic = embedded && startDemoTraffic(embedded.clients.doc, embedded.config, env);

let stopping = false;
// The month of demo activity takes a while on DynamoDB Local: written beside the starting console, and
// finished by the next start if this one is stopped first.
if (activityStore) {
  resumeDemoActivity(activityStore).then(
    (result) => {
      if (result) console.log(`Loaded demo activity: ${result.events} events over the last ${DEMO_ACTIVITY_DAYS} days.`);
    },
    (error: unknown) => {
      if (!stopping) console.error(`Demo activity: not all written (${(error as { name?: string } | null)?.name ?? "Error"}); the next start finishes it.`);
    },
  );
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await traffic?.stop();
  await engine?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
