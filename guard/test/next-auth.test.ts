import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDynamo } from "../../test/support/dynamo";
import type { Dynamo } from "../../test/support/guard-kit";

/**
 * With next-auth v5 itself: `NextAuth(withGatehouse(config, options))` and the lazy
 * `NextAuth(withGatehouse(req => config, options))`, both session strategies. `auth()` after a
 * block returns null (for database sessions, next-auth would swap a null from the session
 * callback for its default session: the guard ends them in getSessionAndUser instead).
 */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

test("next-auth's auth() has no session for a user blocked after signing in, in every form and strategy", () => {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const fixture = path.join(import.meta.dirname, "fixtures", "next-auth-product.mts");
  const env = { ...process.env, GATEHOUSE_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint, NODE_OPTIONS: "" };
  const run = spawnSync(process.execPath, ["--import", "tsx", fixture], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  const expected = { mails: 1, signedIn: "na@product.test", afterBlock: null };
  assert.deepEqual(results, { "jwt/object": expected, "jwt/function": expected, "database/object": expected, "database/function": expected });
});
