import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { ensureTable } from "@/lib/dynamo/table-health";
import { adapterItems, type StoredItem, writeItems } from "@/scripts/lib/adapter-items";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";
import { outageEngine, untilDynamoAnswers } from "@/test/support/outage-engine";

/**
 * A list job whose step is cut short by an outage: the step fails and changes nothing of the
 * job's progress; after DynamoDB comes back, the same cursor resumes the job (once the cut-short
 * step's hold has passed) and it finishes with every listed user signed out and counted once.
 */
const product = testSchema("outage-jobs");
const gatehouse = testSchema("outage-jobs-gatehouse");
const admin = testOperator("ana@ops.test", "admin");
const USERS = 60;
const engine = outageEngine("list-job-outage");
const emails = Array.from({ length: USERS }, (_, i) => `listed-${i}@example.test`);
let jobs: typeof import("./server") & typeof import("./step") & typeof import("./results");
let breaker: typeof import("@/lib/dynamo/breaker");

async function liveSessions() {
  let live = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await engine.clients().doc.scan({ TableName: product.tableName, ExclusiveStartKey: start });
    live += (page.Items ?? []).filter((item) => String(item.sk).startsWith("SESSION#")).length;
    start = page.LastEvaluatedKey;
  } while (start);
  return live;
}

before(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  await engine.start();
  Object.assign(process.env, inProcessConsoleEnv(engine.endpoint, product, gatehouse.tableName));
  const { raw, doc } = engine.clients();
  await ensureTable(raw, product, { ttl: false });
  await ensureTable(raw, gatehouse);
  const build = adapterItems(product);
  const items: StoredItem[] = [];
  for (const email of emails) {
    const id = randomUUID();
    items.push(build.user(id, { email, name: email, emailVerified: new Date() }));
    for (let s = 0; s < 2; s++) items.push(build.session(id, { sessionToken: randomUUID(), expires: new Date(Date.now() + 86_400_000) }));
  }
  await writeItems(doc, product.tableName, items, { concurrency: 8 });
  jobs = { ...(await import("./server")), ...(await import("./step")), ...(await import("./results")) };
  breaker = await import("@/lib/dynamo/breaker");
});

after(async () => {
  await engine.dispose();
});

test("a step cut short by an outage leaves the job where it was; after recovery its cursor resumes it to the end", { timeout: 240_000 }, async () => {
  let job = await jobs.createListJob(admin, { action: "revoke-all", entries: emails, reason: "outage drill" });
  ({ job } = await jobs.stepListJob(admin, { jobId: job.id, cursor: job.cursor!, size: 20 }));
  assert.equal(job.processed, 20);
  const before = job;

  // Its outcome is taken at once: the step may fail while the engine is still stopping, and a
  // rejection with no handler yet fails the test as unhandled (and, under load, it did).
  const running = jobs.stepListJob(admin, { jobId: job.id, cursor: job.cursor!, size: 20 }).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await engine.stop();
  const outcome = await running;
  if (outcome.ok)
    job = outcome.value.job; // it finished before DynamoDB went away
  else assert.match(String(outcome.error), /unreachable|could not be written/i);
  await assert.rejects(jobs.stepListJob(admin, { jobId: job.id, cursor: job.cursor!, size: 20 }), /unreachable/i, "while DynamoDB is down, a step fails fast");

  await engine.restart();
  // DynamoDB Local can answer the breaker's probe and still refuse a call or two while it starts.
  const once = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let tries = 0; ; tries++) {
      await untilDynamoAnswers(breaker.dynamoIsDown);
      try {
        return await call();
      } catch (error) {
        if (!/unreachable/i.test(String(error)) || tries >= 20) throw error;
      }
    }
  };
  const status = (await once(() => jobs.getListJob(admin, job.id)))!;
  assert.equal(status.processed, outcome.ok ? 40 : before.processed, "a failed step did not advance the job");

  let cursor = status.cursor;
  const deadline = Date.now() + jobs.STEP_LEASE_MS + 20_000;
  while (cursor) {
    try {
      const current = cursor;
      ({ job } = await once(() => jobs.stepListJob(admin, { jobId: job.id, cursor: current, size: 20 })));
      cursor = job.cursor;
    } catch (error) {
      // The cut-short step's hold: it passes within STEP_LEASE_MS.
      assert.match(String(error), /Another step of this job is running, or one was cut short/);
      assert.ok(Date.now() < deadline, "the hold outlived its lease");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  assert.equal(job.state, "done");
  assert.deepEqual(job.counts, { ok: USERS, partial: 0, failed: 0, notFound: 0 });
  assert.equal(await liveSessions(), 0);
  const rows = [];
  for await (const page of jobs.allJobResults(admin, job.id)) rows.push(...page);
  assert.deepEqual(
    rows.map((r) => r.entry),
    emails,
    "every entry once, in list order",
  );
});
