import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.join(import.meta.dirname, "..");

test("no committed file holds a merge's conflict markers", () => {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((f) => /\.(md|ts|tsx|mts|mjs|json|css|ya?ml)$/.test(f));
  const marked = files.filter((file) => {
    try {
      return /^(<{7} |={7}$|>{7} )/m.test(readFileSync(path.join(root, file), "utf8"));
    } catch {
      return false; // listed but deleted in the work tree
    }
  });
  assert.deepEqual(marked, []);
});
