/**
 * `npm test`: lint (Biome, failing on any warning) and typecheck first, then unit and integration
 * tests (node's test runner, on one in-memory DynamoDB Local), then the production build, then the
 * Playwright e2e suite in Debian's chromium. CI runs it whole.
 * `npm test -- --only <part>` runs one part (lint, typecheck, unit or e2e) and nothing else: that is
 * for working on one part, and it is why `--only unit` and `--only e2e` skip lint and typecheck.
 * `--grep <text>` and spec files narrow the e2e run.
 * The guard's tests import the built package (as a product does), so `build:guard` runs first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApp, buildIsStale, root } from "./lib/build";
import { startDynamoLocal } from "./lib/dynamodb-local";

const { values, positionals } = parseArgs({ options: { only: { type: "string" }, grep: { type: "string" } }, allowPositionals: true });
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1" } as NodeJS.ProcessEnv;
const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const results = path.join(root, "test-results");
const totals = { passed: 0, failed: 0, skipped: 0 };

function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium is missing at ${chromium}. Install Debian's chromium first:\n\n` +
        "  sudo apt-get update && sudo apt-get install -y chromium\n\n(or set CHROMIUM_PATH to a Chromium binary).",
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the e2e tests…");
  const install = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
  if (install.status !== 0 || !existsSync(chromium)) {
    console.error("Installing chromium failed; run: apt-get install -y chromium");
    process.exit(1);
  }
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(full);
    return /\.test\.m?[jt]s$/.test(entry.name) ? [full] : [];
  });
}

/** `npm run lint` and `npm run typecheck`, as a developer runs them: a failure is one failed test. */
function npmScript(name: "lint" | "typecheck"): boolean {
  console.log(`\n> npm run ${name}`);
  const result = spawnSync("npm", ["run", "--silent", name], { cwd: root, stdio: "inherit", env });
  if (result.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    console.error(`npm run ${name} failed.`);
  }
  return result.status === 0;
}

function buildGuard(): boolean {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "guard/tsconfig.json")], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) console.error("Building gatehouse-guard (npm run build:guard) failed.");
  return result.status === 0;
}

async function unitAndIntegration(): Promise<boolean> {
  if (!buildGuard()) {
    totals.failed += 1;
    return false;
  }
  const files = ["lib", "scripts", "infra", "app", "components", "guard", "test", "cli"].flatMap((dir) => testFiles(path.join(root, dir)));
  const dynamo = await startDynamoLocal();
  try {
    const result = spawnSync(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "--test",
        "--test-concurrency=4",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
        `--test-reporter-destination=${path.join(results, "unit.tap")}`,
        ...files,
      ],
      { cwd: root, stdio: "inherit", env: { ...env, GATEHOUSE_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint } },
    );
    const tap = readFileSync(path.join(results, "unit.tap"), "utf8");
    const count = (label: string) => Number(tap.match(new RegExp(`^# ${label} (\\d+)$`, "m"))?.[1] ?? 0);
    totals.passed += count("pass");
    totals.failed += count("fail") + count("cancelled");
    totals.skipped += count("skipped") + count("todo");
    return result.status === 0;
  } finally {
    await dynamo.stop();
  }
}

function e2e(): boolean {
  ensureChromium();
  if (buildIsStale()) {
    console.log("Building the console for the e2e tests…");
    if (!buildApp(env)) return false;
  }
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@playwright/test/cli.js"), "test", ...positionals, ...(values.grep ? ["--grep", values.grep] : [])],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...env, CHROMIUM_PATH: chromium, E2E_JSON_REPORT: path.join(results, "e2e.json") },
    },
  );
  const report = path.join(results, "e2e.json");
  if (existsSync(report)) {
    const { stats } = JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } else if (result.status !== 0) totals.failed += 1;
  return result.status === 0;
}

mkdirSync(results, { recursive: true });
const PARTS = ["lint", "typecheck", "unit", "e2e"];
if (values.only && !PARTS.includes(values.only)) {
  console.error(`--only: expected one of ${PARTS.join(", ")}`);
  process.exit(2);
}
const parts = values.only ? [values.only] : PARTS;
let ok = true;
// Lint and typecheck are quick and catch what the tests would fail on more slowly: a failure stops the run.
if (parts.includes("lint")) ok = npmScript("lint") && ok;
if (ok && parts.includes("typecheck")) ok = npmScript("typecheck") && ok;
if (ok && parts.includes("unit")) ok = (await unitAndIntegration()) && ok;
if (ok && parts.includes("e2e")) ok = e2e() && ok;
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
if (!ok) console.error("Some tests failed.");
process.exit(ok ? 0 : 1);
