import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as guard from "gatehouse-guard";

/** The package as a product installs it: its entry, its files, and nothing imported from the repo. */
const dir = path.resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));

test("the entry is the built ESM with types, and exports withGatehouse and the table contract", () => {
  assert.equal(pkg.name, "gatehouse-guard");
  assert.equal(pkg.type, "module");
  assert.deepEqual(pkg.exports["."], { types: "./dist/index.d.ts", default: "./dist/index.js" });
  assert.equal(typeof guard.withGatehouse, "function");
  assert.deepEqual(guard.ATTRIBUTES, {
    block: "gatehouseBlock",
    revokedAt: "gatehouseRevokedAt",
    lastSignInAt: "lastSignInAt",
    lastSignInProvider: "lastSignInProvider",
    signInCount: "signInCount",
    createdAt: "createdAt",
  });
  assert.equal(guard.HEARTBEAT_PARTITION, "GATEHOUSE#GUARD");
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), [], "no runtime dependencies");
});

test("the source imports only its own files and, as types, @auth/core and @aws-sdk/lib-dynamodb; the build imports nothing else", () => {
  const imports = (file: string) =>
    [...readFileSync(file, "utf8").matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)].map((m) => ({ spec: m[3], typeOnly: Boolean(m[2]) }));
  const src = path.join(dir, "src");
  for (const file of readdirSync(src)) {
    for (const { spec, typeOnly } of imports(path.join(src, file))) {
      if (spec.startsWith("./")) continue;
      assert.ok(typeOnly && /^(@auth\/core|@aws-sdk\/lib-dynamodb)(\/|$)/.test(spec), `${file} imports ${spec}`);
    }
  }
  for (const file of readdirSync(path.join(dir, "dist")).filter((f) => f.endsWith(".js"))) {
    for (const { spec } of imports(path.join(dir, "dist", file))) assert.ok(spec.startsWith("./"), `dist/${file} imports ${spec} at run time`);
  }
});

test("npm pack guard/ packs the build, the README and package.json only", () => {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", dir], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  const [{ files, name }] = JSON.parse(result.stdout) as [{ name: string; files: { path: string }[] }];
  assert.equal(name, "gatehouse-guard");
  const paths = files.map((f) => f.path).sort();
  assert.ok(paths.includes("dist/index.js") && paths.includes("dist/index.d.ts") && paths.includes("README.md") && paths.includes("package.json"));
  assert.deepEqual(
    paths.filter((p) => !p.startsWith("dist/") && p !== "README.md" && p !== "package.json"),
    [],
  );
});
