import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "..");
const lib = join(root, "lib");
// The console's own code: its routes, their components and the library below them.
const consoleDirs = ["app", "components", "lib"].map((dir) => join(root, dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(?:tsx?|mts)$/.test(name) && !/\.test\.m?tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Import/export-from specifiers, type-only ones included (a type import still ties the layers),
 * then the lazy `import("…")` ones: a deferred dialog body that imports back from the button
 * loading it closes a circle all the same.
 */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) found.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(match[1]!);
  return found;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = consoleDirs.flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, specifiers(readFileSync(file, "utf8")).map((s) => ({ specifier: s, target: resolveImport(file, s) }))]));
const name = (file: string) => relative(root, file);

/** The platform rooms: they know no feature, so a feature can lean on them and never the reverse. */
const PLATFORM = ["actions", "auth", "audit", "dynamo", "limits", "http", "format", "api"].map((room) => `${join(lib, room)}/`);
const platformFiles = [join(lib, "config.ts"), join(lib, "secrets.ts"), join(lib, "startup-check.ts")];

test("the platform layer imports nothing from lib/features: a feature stands on it, never the reverse", () => {
  const features = `${join(lib, "features")}/`;
  const offending = [...graph]
    // lib/api/v1 is where the features' routes are put together into one API: above them, not below.
    .filter(([file]) => (PLATFORM.some((room) => file.startsWith(room)) && !file.startsWith(join(lib, "api", "v1"))) || platformFiles.includes(file))
    .flatMap(([file, imports]) =>
      imports.filter((i) => i.specifier.startsWith("@/lib/features/") || i.target?.startsWith(features)).map((i) => `${name(file)} → ${i.specifier}`),
    );
  assert.deepEqual(offending, []);
});

test("no import cycle among app/, components/ and lib/ modules, lazy imports included", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const { target } of graph.get(file) ?? []) {
      if (!target || !graph.has(target)) continue;
      if (state.get(target) === "open") cycles.push([...stack.slice(stack.indexOf(target)), target].map(name).join(" → "));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});

test("scripts/ imports nothing from test/ or e2e/: what both need lives in scripts/lib", () => {
  const testRooms = [join(root, "test"), join(root, "e2e")].map((dir) => `${dir}/`);
  const offending = sourceFiles(join(root, "scripts")).flatMap((file) =>
    specifiers(readFileSync(file, "utf8"))
      .filter((specifier) => {
        const target = resolveImport(file, specifier);
        return /^@\/(?:test|e2e)\//.test(specifier) || testRooms.some((room) => target?.startsWith(room));
      })
      .map((specifier) => `${name(file)} → ${specifier}`),
  );
  assert.deepEqual(offending, []);
});

test("the import reader sees the imports it is meant to see", () => {
  assert.deepEqual(
    specifiers(
      `import "server-only";\nimport { a, b } from "./x";\nimport type { T } from '@/lib/y';\nexport { c } from "../z";\nconst s = "import nothing";\n`,
    ),
    ["server-only", "./x", "@/lib/y", "../z"],
  );
  assert.deepEqual(specifiers(`const Body = deferred(() => import("./dialog-body"));\ntype Dialogs = typeof import('./dialogs');\n`), [
    "./dialog-body",
    "./dialogs",
  ]);
  assert.equal(resolveImport(join(lib, "auth", "operator.ts"), "./index"), join(lib, "auth", "index.ts"));
  assert.equal(resolveImport(join(lib, "auth", "index.ts"), "@/lib/dynamo/keys"), join(lib, "dynamo", "keys.ts"));
});
