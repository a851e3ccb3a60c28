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

const directive = (source: string, word: "use client" | "use server") =>
  new RegExp(`^\\s*(?:(?://[^\\n]*|/\\*[\\s\\S]*?\\*/)\\s*)*["']${word}["']`).test(source);

/**
 * The modules a "use client" file under app/ or components/ reaches, with the path that reaches each. A "use server" module
 * is where the walk stops: a client calls an action through it, and its server imports stay on the server.
 */
function clientReach(): Map<string, string[]> {
  const starts = ["app", "components"].flatMap((dir) => sourceFiles(join(root, dir))).filter((file) => directive(readFileSync(file, "utf8"), "use client"));
  const reached = new Map<string, string[]>(starts.map((file) => [file, [file]]));
  const queue = [...starts];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const source = readFileSync(file, "utf8");
    // An action is called through, and a server module is already the finding: the walk goes no further into either.
    if (directive(source, "use server") || specifiers(source).includes("server-only")) continue;
    for (const specifier of specifiers(source)) {
      const target = resolveImport(file, specifier);
      if (!target || reached.has(target)) continue;
      reached.set(target, [...reached.get(file)!, target]);
      queue.push(target);
    }
  }
  return reached;
}

test('client code imports only client-safe modules: nothing a "use client" file reaches imports "server-only", not even for a type', () => {
  const offending = [...clientReach()]
    .filter(([file]) => !directive(readFileSync(file, "utf8"), "use server") && specifiers(readFileSync(file, "utf8")).includes("server-only"))
    .map(([, path]) => path.map(name).join(" → "));
  assert.deepEqual(offending, []);
});

test("the client walk sees lazy imports and stops at actions", () => {
  assert.deepEqual(specifiers(`const A = dynamic(() => import("./a"));\nimport type { B } from "./b";\n`), ["./b", "./a"]);
  assert.equal(directive(`// why\n"use client";\nimport x from "y";`, "use client"), true);
  assert.equal(directive(`import x from "y";\nconst s = "use client";`, "use client"), false);
});

/** Imports that ship code with the module: not `import type`, not a lazy `import("…")` (that loads later, off the first load). */
function eagerSpecifiers(source: string): string[] {
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) if (!match[1]) found.push(match[2]!);
  return found;
}

test("no zod in the browser's first load: what a client file imports eagerly reaches no schema library (the first-load JS budget has no room for it)", () => {
  const starts = ["app", "components"].flatMap((dir) => sourceFiles(join(root, dir))).filter((file) => directive(readFileSync(file, "utf8"), "use client"));
  const reached = new Map<string, string[]>(starts.map((file) => [file, [file]]));
  const offending: string[] = [];
  const queue = [...starts];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const source = readFileSync(file, "utf8");
    if (directive(source, "use server")) continue;
    for (const specifier of eagerSpecifiers(source)) {
      if (specifier === "zod" || specifier.startsWith("zod/"))
        offending.push([...reached.get(file)!, specifier].map((p) => (p.startsWith("/") ? name(p) : p)).join(" → "));
      const target = resolveImport(file, specifier);
      if (!target || reached.has(target)) continue;
      reached.set(target, [...reached.get(file)!, target]);
      queue.push(target);
    }
  }
  assert.deepEqual(offending, []);
  assert.deepEqual(eagerSpecifiers(`import type { T } from "zod";\nconst L = lazy(() => import("zod"));\nimport { z } from "zod";\n`), ["zod"]);
});
