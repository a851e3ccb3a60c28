import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * The CLI's own package (cli/package.json) packed (`npm pack`) and installed globally: only the
 * CLI, and a `gatehouse` that runs with commander as its one dependency, nothing of the console.
 *
 * Why the install is of the unpacked tarball and not of the .tgz: `npm install -g <tgz> --offline`
 * resolves a fresh tree from full packuments, which `npm ci` never caches (it stores the
 * abbreviated ones), so it fails ENOTCACHED even for commander; and a test must not need the
 * network. A folder installed with -g is linked instead, its dependencies left to it: npm still
 * lays out lib/node_modules and links bin/gatehouse (chmod +x), and the folder holds exactly the
 * tarball's files plus commander, so a file the tarball lacks or a dependency besides commander
 * fails the run.
 */
const cli = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(cli);
const manifest = JSON.parse(readFileSync(path.join(cli, "package.json"), "utf8"));
let work = "";
/** @type {{ filename: string, files: { path: string }[] }} */
let packed;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "gatehouse-pack-"));
  const output = execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: cli, encoding: "utf8" });
  [packed] = JSON.parse(output);
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const cliFiles = (dir) =>
  readdirSync(path.join(cli, dir))
    .filter((name) => name.endsWith(".mjs") && !name.endsWith(".test.mjs"))
    .map((name) => path.posix.join(dir, name));

test("the tarball is the CLI's own package: its files, README and package.json; nothing of the console, no tests", () => {
  assert.equal(manifest.name, "gatehouse-cli");
  assert.match(packed.filename, /^gatehouse-cli-/);
  const expected = ["README.md", "package.json", ...cliFiles("."), ...cliFiles("commands")].sort();
  assert.deepEqual(packed.files.map((f) => f.path).sort(), expected);
  assert.ok(expected.includes(manifest.bin.gatehouse), "the bin is in it");
  assert.deepEqual(Object.keys(manifest.dependencies), ["commander"], "commander is its only dependency");
  const rootManifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(rootManifest.bin, undefined, "the console's package no longer carries the bin");
});

test("the packed CLI needs nothing but node's own modules, its own files and commander (a dependency)", () => {
  const inTarball = new Set(packed.files.map((f) => f.path));
  const bare = new Set();
  for (const file of inTarball) {
    if (!file.endsWith(".mjs")) continue;
    const source = readFileSync(path.join(cli, file), "utf8");
    for (const [, specifier] of source.matchAll(/(?:^|[\s}])(?:from|import)\s*\(?\s*"([^"]+)"/gm)) {
      if (specifier.startsWith("node:")) continue;
      if (specifier.startsWith("."))
        assert.ok(inTarball.has(path.posix.join(path.posix.dirname(file), specifier)), `${file} imports ${specifier}, which is packed`);
      else bare.add(specifier);
    }
  }
  assert.deepEqual([...bare], ["commander"]);
});

test("installed with npm -g into its own prefix: only the CLI and commander, and `gatehouse --help` prints the usage", () => {
  const unpacked = path.join(work, "unpacked");
  mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", path.join(work, packed.filename), "-C", unpacked, "--strip-components=1"]);
  const commander = path.join(root, "node_modules/commander");
  const commanderManifest = JSON.parse(readFileSync(path.join(commander, "package.json"), "utf8"));
  assert.equal(commanderManifest.version, manifest.dependencies.commander, "the pinned commander");
  assert.deepEqual(Object.keys(commanderManifest.dependencies ?? {}), [], "commander brings nothing with it");
  cpSync(commander, path.join(unpacked, "node_modules/commander"), { recursive: true });

  const prefix = path.join(work, "prefix");
  execFileSync("npm", ["install", "-g", "--prefix", prefix, unpacked, "--offline", "--install-links=false", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: work,
    encoding: "utf8",
  });
  // The installed tree: the CLI's package alone in the prefix, with commander alone beside it.
  assert.deepEqual(readdirSync(path.join(prefix, "lib/node_modules")), ["gatehouse-cli"]);
  const installed = realpathSync(path.join(prefix, "lib/node_modules/gatehouse-cli"));
  assert.deepEqual(readdirSync(path.join(installed, "node_modules")), ["commander"]);
  assert.ok(!existsSync(path.join(installed, "node_modules/commander/node_modules")));

  const gatehouse = path.join(prefix, "bin/gatehouse");
  const env = { PATH: process.env.PATH, HOME: work };
  const help = spawnSync(gatehouse, ["--help"], { cwd: work, encoding: "utf8", env });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: gatehouse \[options\] \[command\]\n/);
  for (const command of ["users", "sessions", "accounts", "jobs", "audit", "activity", "stats"])
    assert.match(help.stdout, new RegExp(`^  ${command}\\b`, "m"), command);
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
