import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * The CLI's request and response types (api-types.generated.ts) are the console's OpenAPI
 * document's: regenerated into a temp file, they must equal the committed ones. The generator
 * runs as its own process, so nothing of the console is imported into the CLI's folder.
 */
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

test("api-types.generated.ts is up to date with the OpenAPI document (else: npm run cli:api-types)", () => {
  const work = mkdtempSync(path.join(tmpdir(), "gatehouse-api-types-"));
  try {
    const out = path.join(work, "api-types.generated.ts");
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli-api-types.mts", "--out", out], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    const fresh = readFileSync(out, "utf8");
    assert.match(fresh, /"\/api\/v1\/users\/\{id\}\/sessions": \{/, "the generator wrote the document's paths");
    assert.ok(readFileSync(path.join(root, "cli/api-types.generated.ts"), "utf8") === fresh, "cli/api-types.generated.ts is stale: run npm run cli:api-types");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
