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
import { ConfigError, parseDynamoConfig, parseServerConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";
import { buildApp, buildIsStale, root, standaloneServer } from "./lib/build";
import { mallocEnv } from "./lib/console-server";
import { type DynamoLocal, startDynamoLocal } from "./lib/dynamodb-local";
import { embeddedDataDir } from "./lib/engine";
import { seedDemoData } from "./lib/seed";
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
try {
  dynamo = parseDynamoConfig(env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

let dataFolder: string | undefined;
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
  // The embedded engine's own tables: a product table made before activity existed gets its stream here (free on DynamoDB Local).
  const { created } = await setupTables(clients, local, console.log, { enableStreams: true });
  if (created.includes(local.product.tableName)) {
    const counts = await seedDemoData(clients.doc, local.product, { users: 150, seed: 42 });
    console.log(
      `Loaded demo data: ${counts.users} users, ${counts.accounts} accounts, ${counts.sessions} sessions, ${counts.verificationTokens} verification tokens.`,
    );
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

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await engine?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
