import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { ensureTable } from "@/lib/dynamo/table-health";
import { adapterItems, type StoredItem, writeItems } from "@/scripts/lib/adapter-items";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";
import { outageEngine, untilDynamoAnswers } from "@/test/support/outage-engine";

/**
 * A purge running when DynamoDB goes away: the step reports exactly what was deleted and a
 * cursor, the console's client fails fast while it is gone (no minute-long retries), and after
 * DynamoDB comes back (same port, same data folder) the purge resumes and finishes with nothing
 * lost or counted twice. Its own engine, since it stops it; on disk (slow to fill: few items).
 */
const product = testSchema("outage-purge");
const gatehouse = testSchema("outage-purge-gatehouse");
const admin = testOperator("ana@ops.test", "admin");
const EXPIRED = 120;
const LIVE = 15;
const STEP = 20; // items read per step: several steps for 135 items
const engine = outageEngine("purge-outage");
let purge: typeof import("./server");
let breaker: typeof import("@/lib/dynamo/breaker");

const clients = engine.clients;

async function countSessions() {
  let live = 0;
  let expired = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await clients().doc.scan({ TableName: product.tableName, ExclusiveStartKey: start });
    for (const item of page.Items ?? []) {
      if (!String(item.sk).startsWith("SESSION#")) continue;
      if (Number(item.expires) * 1000 < Date.now()) expired++;
      else live++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { live, expired };
}

before(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  await engine.start();
  Object.assign(process.env, inProcessConsoleEnv(engine.endpoint, product, gatehouse.tableName));
  const { raw, doc } = clients();
  await ensureTable(raw, product, { ttl: false });
  await ensureTable(raw, gatehouse);
  const build = adapterItems(product);
  const userId = randomUUID();
  const items: StoredItem[] = [build.user(userId, { email: "owner@example.test", name: "Owner", emailVerified: new Date() })];
  for (let i = 0; i < LIVE; i++) items.push(build.session(userId, { sessionToken: randomUUID(), expires: new Date(Date.now() + 86_400_000) }));
  for (let i = 0; i < EXPIRED; i++) items.push(build.session(userId, { sessionToken: randomUUID(), expires: new Date(Date.now() - 3_600_000 - i) }));
  await writeItems(doc, product.tableName, items, { concurrency: 8 });
  purge = await import("./server");
  breaker = await import("@/lib/dynamo/breaker");
});

after(async () => {
  await engine.dispose();
});

test("a purge interrupted by an outage reports exact figures, resumes from its cursor after recovery, and finishes", { timeout: 240_000 }, async () => {
  assert.deepEqual(await countSessions(), { live: LIVE, expired: EXPIRED });
  let step = await purge.purgeExpiredStep(admin, { reason: "outage drill", step: STEP });
  assert.equal(step.done, false);
  step = await purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: step.cursor!, step: STEP });
  assert.equal(step.done, false);

  // DynamoDB goes away while the next step runs.
  const running = purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: step.cursor!, step: STEP });
  // Handled at once: should the step fail while the engine is still stopping, the await below
  // reports it, not an unhandled rejection.
  running.catch(() => {});
  await engine.stop();
  let interrupted = await running;
  while (!interrupted.interrupted) {
    assert.equal(interrupted.done, false, "the purge finished before DynamoDB stopped");
    interrupted = await purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: interrupted.cursor!, step: STEP });
  }
  assert.equal(interrupted.done, false);
  assert.ok(interrupted.cursor);
  assert.match(interrupted.message, /^DynamoDB became unreachable: purged \d+ expired items? so far\. Retry resumes where it stopped\.$/);
  assert.equal(breaker.dynamoIsDown(), true);

  // While it is down, steps fail fast with the same partial answer (the breaker is open: no retries into a dead endpoint).
  const again = await purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: interrupted.cursor!, step: STEP });
  assert.equal(again.interrupted, true);
  assert.equal(again.deleted, interrupted.deleted);

  // Back on the same port with the same data: exactly what the purge reported is gone.
  await engine.restart();
  await untilDynamoAnswers(breaker.dynamoIsDown); // the probe closes it
  assert.deepEqual(await countSessions(), { live: LIVE, expired: EXPIRED - interrupted.deleted });

  let resumed = await purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: interrupted.cursor!, step: STEP });
  while (!resumed.done) resumed = await purge.purgeExpiredStep(admin, { reason: "outage drill", cursor: resumed.cursor!, step: STEP });
  assert.equal(resumed.deleted, EXPIRED);
  assert.deepEqual(await countSessions(), { live: LIVE, expired: 0 });
});
