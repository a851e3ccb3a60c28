import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * The packed tarball (`npm pack`) as a global install sees it: only the CLI and the README, and
 * a `gatehouse` that runs with commander as its one dependency.
 *
 * Why the install is of the unpacked tarball and not of the .tgz: `npm install -g <tgz> --offline`
 * cannot work here. The tarball is the root package, whose dependencies are the console's (next,
 * react, the AWS SDK: 179 packages), and npm 11 resolves a fresh tree from full packuments, which
 * `npm ci` never caches (it stores the abbreviated ones), so it fails ENOTCACHED on the first of
 * them. A folder installed with -g is linked instead, its dependencies left to it: npm still lays
 * out lib/node_modules and links bin/gatehouse (chmod +x), and the folder holds exactly the
 * tarball's files plus commander, so a file the tarball lacks or a dependency besides commander
 * fails the run.
 */
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
let work = "";
/** @type {{ filename: string, files: { path: string }[] }} */
let packed;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "gatehouse-pack-"));
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" });
  [packed] = JSON.parse(output);
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const cliFiles = (dir) =>
  readdirSync(path.join(root, dir))
    .filter((name) => name.endsWith(".mjs") && !name.endsWith(".test.mjs"))
    .map((name) => `${dir}/${name}`);

test("the tarball holds the CLI, the README and package.json: nothing of the console, no tests", () => {
  const expected = ["README.md", "package.json", ...cliFiles("cli"), ...cliFiles("cli/commands")].sort();
  assert.deepEqual(packed.files.map((f) => f.path).sort(), expected);
  assert.ok(expected.includes(manifest.bin.gatehouse), "the bin is in it");
});

test("the packed CLI needs nothing but node's own modules, its own files and commander (a dependency)", () => {
  const inTarball = new Set(packed.files.map((f) => f.path));
  const bare = new Set();
  for (const file of inTarball) {
    if (!file.endsWith(".mjs")) continue;
    const source = readFileSync(path.join(root, file), "utf8");
    for (const [, specifier] of source.matchAll(/(?:^|[\s}])(?:from|import)\s*\(?\s*"([^"]+)"/gm)) {
      if (specifier.startsWith("node:")) continue;
      if (specifier.startsWith("."))
        assert.ok(inTarball.has(path.posix.join(path.posix.dirname(file), specifier)), `${file} imports ${specifier}, which is packed`);
      else bare.add(specifier);
    }
  }
  assert.deepEqual([...bare], ["commander"]);
  assert.ok(manifest.dependencies.commander, "commander is a dependency, so an install brings it");
});

test("installed with npm -g into its own prefix, `gatehouse --help` prints the usage", () => {
  const unpacked = path.join(work, "unpacked");
  mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", path.join(work, packed.filename), "-C", unpacked, "--strip-components=1"]);
  const commander = path.join(root, "node_modules/commander");
  assert.equal(JSON.parse(readFileSync(path.join(commander, "package.json"), "utf8")).version, manifest.dependencies.commander, "the pinned commander");
  cpSync(commander, path.join(unpacked, "node_modules/commander"), { recursive: true });

  const prefix = path.join(work, "prefix");
  execFileSync("npm", ["install", "-g", "--prefix", prefix, unpacked, "--offline", "--install-links=false", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: work,
    encoding: "utf8",
  });
  const gatehouse = path.join(prefix, "bin/gatehouse");
  const env = { PATH: process.env.PATH, HOME: work };
  const help = spawnSync(gatehouse, ["--help"], { cwd: work, encoding: "utf8", env });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: gatehouse \[options\] \[command\]\n/);
  for (const command of ["users", "sessions", "accounts", "audit"]) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, "m"), command);
  assert.match(help.stdout, /Exit codes: 0 ok, 1 failed/);
  const users = spawnSync(gatehouse, ["users", "--help"], { cwd: work, encoding: "utf8", env });
  assert.equal(users.status, 0, users.stderr);
  assert.match(users.stdout, /^Usage: gatehouse users /);

  // Nothing outside the prefix and the unpacked tarball answers for it: without commander it cannot start.
  rmSync(path.join(unpacked, "node_modules"), { recursive: true });
  const bare = spawnSync(gatehouse, ["--help"], { cwd: work, encoding: "utf8", env });
  assert.notEqual(bare.status, 0);
  assert.match(bare.stderr, /Cannot find package 'commander'/);
});
