import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

const product = testSchema("rl-product");
const gatehouse = testSchema("rl-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_RATE_LIMITS: "signin-email=3/15m,signin-ip=off,read-units=100/1m" } });
});
after(() => dynamo?.stop());

test("a fixed window lets `max` attempts through, refuses the rest with the time left, and opens again in the next window", async () => {
  const { hitLimit } = await import("./rate-limit");
  const now = Date.parse("2026-12-01T10:01:00.000Z");
  const verdicts = [];
  for (let i = 0; i < 5; i++) verdicts.push(await hitLimit("signin-email", "Ana@Example.com", { now }));
  assert.deepEqual(verdicts.map((v) => v.allowed), [true, true, true, false, false]);
  assert.deepEqual(verdicts.map((v) => v.count), [1, 2, 3, 3, 3]);
  assert.equal(verdicts[3]!.retryAfterSeconds, 14 * 60, "the 15-minute window started at 10:00");
  assert.equal((await hitLimit("signin-email", "ana@example.com", { now })).allowed, false, "subjects are case-insensitive");
  assert.equal((await hitLimit("signin-email", "bob@example.com", { now })).allowed, true, "other subjects have their own count");
  assert.equal((await hitLimit("signin-email", "ana@example.com", { now: now + 14 * 60_000 })).allowed, true, "the next window starts afresh");
});

test("concurrent attempts never get past the limit: the conditional update decides", async () => {
  const { hitLimit } = await import("./rate-limit");
  const now = Date.parse("2026-12-01T11:00:00.000Z");
  const verdicts = await Promise.all(Array.from({ length: 20 }, () => hitLimit("signin-email", "race@example.com", { now })));
  assert.equal(verdicts.filter((v) => v.allowed).length, 3);
});

test("units charged after the fact exhaust a budget that peekLimit reports; a limit set to off never refuses", async () => {
  const { chargeLimit, hitLimit, peekLimit } = await import("./rate-limit");
  const now = Date.parse("2026-12-01T12:00:10.000Z");
  assert.equal((await peekLimit("read-units", "ana@ops.test", now)).allowed, true);
  await chargeLimit("read-units", "ana@ops.test", 60, now);
  await chargeLimit("read-units", "ana@ops.test", 60, now);
  const spent = await peekLimit("read-units", "ana@ops.test", now);
  assert.equal(spent.allowed, false);
  assert.equal(spent.count, 120);
  assert.equal(spent.retryAfterSeconds, 50);
  for (let i = 0; i < 30; i++) assert.equal((await hitLimit("signin-ip", "127.0.0.1", { now })).allowed, true);
});

test("counters hold no address in their keys and expire through TTL", async () => {
  const { hitLimit } = await import("./rate-limit");
  await hitLimit("signin-email", "secret-person@example.com", { now: Date.parse("2026-12-01T13:00:00.000Z") });
  const { Items = [] } = await dynamo.doc.scan({ TableName: gatehouse.tableName });
  const counters = Items.filter((item) => item.type === "RATE");
  assert.ok(counters.length > 0);
  for (const item of counters) {
    assert.doesNotMatch(JSON.stringify(item), /example\.com/);
    assert.equal(typeof item.expires, "number");
  }
});

test("repeated refusals collapse into one audit entry per subject per hour, with a count", async () => {
  const { recordCollapsedAuditEvent } = await import("@/lib/audit/writer");
  const { listAudit } = await import("@/lib/dal/audit");
  const context = { requestId: "r", ip: "203.0.113.9", userAgent: "test" };
  const actor = { email: "mallory@outside.test", role: "none", kind: "visitor" as const };
  const now = new Date();
  for (let i = 0; i < 7; i++) await recordCollapsedAuditEvent(actor, { ...context, requestId: `r${i}` }, "sign-in-refused", { email: actor.email }, actor.email, now);
  await recordCollapsedAuditEvent({ ...actor, email: "eve@outside.test" }, context, "sign-in-refused", { email: "eve@outside.test" }, "eve@outside.test", now);
  const page = await listAudit({ email: "v@view.test", name: null, role: "viewer" }, { action: "sign-in-refused" }, { pageSize: 25 });
  const mallory = page.entries.filter((e) => e.target.email === "mallory@outside.test");
  assert.equal(mallory.length, 1);
  assert.equal(mallory[0]!.counts.attempts, 7);
  assert.equal(mallory[0]!.result, "refused");
  assert.equal(page.entries.filter((e) => e.target.email === "eve@outside.test").length, 1);
});

test("a refusal is remembered until its window ends: no DynamoDB request meanwhile, and the next window counts afresh", async () => {
  const { hitLimitRemembering, knownOverLimit } = await import("./remembered-refusals");
  const { gatehouseTable } = await import("@/lib/dynamo/gatehouse-table");
  const table = gatehouseTable();
  const now = Date.parse("2026-12-01T13:05:00.000Z");
  for (let i = 0; i < 3; i++) assert.equal((await hitLimitRemembering("signin-email", "flood@example.com", now)).allowed, true);
  assert.equal(knownOverLimit("signin-email", "flood@example.com", now), null, "not over yet");
  const refused = await hitLimitRemembering("signin-email", "flood@example.com", now);
  assert.deepEqual([refused.allowed, refused.retryAfterSeconds], [false, 10 * 60]);
  const original = table.doc.send.bind(table.doc);
  let sent = 0;
  (table.doc as { send: unknown }).send = (...args: unknown[]) => {
    sent++;
    return (original as (...a: unknown[]) => unknown)(...args);
  };
  try {
    const later = await hitLimitRemembering("signin-email", "FLOOD@example.com", now + 60_000);
    assert.deepEqual([later.allowed, later.retryAfterSeconds], [false, 9 * 60]);
    assert.equal(sent, 0, "answered from memory");
    assert.equal(knownOverLimit("signin-email", "flood@example.com", now + 10 * 60_000), null, "forgotten when the window ends");
    assert.equal((await hitLimitRemembering("signin-email", "flood@example.com", now + 10 * 60_000)).allowed, true);
    assert.equal(sent, 1);
  } finally {
    (table.doc as { send: unknown }).send = original;
  }
});
