import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";

/**
 * The document as served, linted by a linter someone else wrote (Redocly, its recommended rules,
 * redocly.yaml): a warning fails too, so an ambiguous path or a missing field cannot creep back.
 */
const root = process.cwd();
let work = "";
let file = "";

before(async () => {
  Object.assign(process.env, inProcessConsoleEnv("http://127.0.0.1:1", testSchema("openapi-lint")), { GATEHOUSE_RATE_LIMITS: "api-docs=off" });
  const response = await (await import("@/app/api/v1/openapi.json/route")).GET(new Request("http://localhost:3000/api/v1/openapi.json"), {
    params: Promise.resolve({}),
  });
  assert.equal(response.status, 200);
  work = mkdtempSync(path.join(tmpdir(), "gatehouse-openapi-"));
  file = path.join(work, "openapi.json");
  writeFileSync(file, await response.text());
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

type Lint = { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string }[] };

function lint(target: string): Lint {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@redocly/cli/bin/cli.js"), "lint", target, "--config", path.join(root, "redocly.yaml"), "--format", "json"],
    // Offline and quiet: no telemetry, no update check.
    { cwd: work, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
  );
  assert.ok(result.stdout.trim().startsWith("{"), `redocly lint printed no report: ${result.stderr}`);
  return JSON.parse(result.stdout) as Lint;
}

test("the OpenAPI document passes `redocly lint` (recommended rules) with no error and no warning", () => {
  const { totals, problems } = lint(file);
  const listed = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`).join("\n");
  assert.deepEqual({ errors: totals.errors, warnings: totals.warnings }, { errors: 0, warnings: 0 }, listed);
});

test("the linter does find problems: a document with an ambiguous path and no servers fails it", () => {
  const broken = path.join(work, "broken.json");
  const ok = { description: "OK", content: { "application/json": { schema: { type: "object" } } } };
  const get = (operationId: string, name: string) => ({
    operationId,
    summary: operationId,
    security: [],
    parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
    responses: { "200": ok, "400": { description: "Bad" } },
  });
  writeFileSync(
    broken,
    JSON.stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1", description: "t", license: { name: "MIT", identifier: "MIT" } },
      paths: { "/users/by-email/{email}": { get: get("byEmail", "email") }, "/users/{id}/sessions": { get: get("sessions", "id") } },
    }),
  );
  const rules = new Set(lint(broken).problems.map((p) => p.ruleId));
  assert.ok(rules.has("no-ambiguous-paths"), [...rules].join(", "));
  assert.ok(rules.has("no-empty-servers"), [...rules].join(", "));
});
