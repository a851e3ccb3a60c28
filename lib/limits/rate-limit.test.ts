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

test("a window lets `max` attempts through, refuses the rest with the time left, and subjects count apart", async () => {
  const { hitLimit } = await import("./rate-limit");
  const now = Date.parse("2026-12-01T10:01:00.000Z");
  const verdicts = [];
  for (let i = 0; i < 5; i++) verdicts.push(await hitLimit("signin-email", "Ana@Example.com", { now }));
  assert.deepEqual(
    verdicts.map((v) => v.allowed),
    [true, true, true, false, false],
  );
  assert.deepEqual(
    verdicts.map((v) => v.count),
    [1, 2, 3, 3, 3],
  );
  // 3 at 10:01 weigh 2 from 10:20 (a third of the 10:00 window still overlaps the last 15 minutes).
  assert.equal(verdicts[3]!.retryAfterSeconds, 19 * 60);
  assert.equal((await hitLimit("signin-email", "ana@example.com", { now })).allowed, false, "subjects are case-insensitive");
  assert.equal((await hitLimit("signin-email", "bob@example.com", { now })).allowed, true, "other subjects have their own count");
  assert.equal((await hitLimit("signin-email", "ana@example.com", { now: now + 19 * 60_000 })).allowed, true, "open again when it said");
});

test("across a window edge the limit still holds: no second `max` just after the first (the clock is the test's)", async () => {
  const { hitLimit } = await import("./rate-limit");
  const at = (time: string) => ({ now: Date.parse(`2026-12-01T14:${time}.000Z`) });
  const hits = async (time: string, n: number) => {
    const allowed = [];
    for (let i = 0; i < n; i++) allowed.push((await hitLimit("signin-email", "edge@example.com", at(time))).allowed);
    return allowed;
  };
  assert.deepEqual(await hits("14:59", 3), [true, true, true], "three just before the 14:15 edge");
  assert.deepEqual(await hits("15:00", 3), [false, false, false], "none just after it: a fixed window allowed three more");
  // At 14:20 a third of the 14:15 window has passed: the three weigh 2, so one more fits.
  assert.deepEqual(await hits("20:00", 2), [true, false]);
  // At 14:30 the 14:15 window (one attempt) is the previous one, at full weight: two more fit.
  assert.deepEqual(await hits("30:00", 3), [true, true, false]);
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
  // 120 units at 12:00:10 weigh under 100 only after 10 s of the next minute.
  assert.equal(spent.retryAfterSeconds, 61);
  const next = await peekLimit("read-units", "ana@ops.test", now + 50_000);
  assert.deepEqual([next.allowed, next.count], [false, 120], "the next minute starts with the last one's units at full weight");
  assert.equal((await peekLimit("read-units", "ana@ops.test", now + 61_000)).allowed, true);
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
  const { listAudit } = await import("@/lib/features/audit/server");
  const context = { requestId: "r", ip: "203.0.113.9", userAgent: "test" };
  const actor = { email: "mallory@outside.test", role: "none", kind: "visitor" as const };
  const now = new Date();
  for (let i = 0; i < 7; i++)
    await recordCollapsedAuditEvent(actor, { ...context, requestId: `r${i}` }, "sign-in-refused", { email: actor.email }, actor.email, now);
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
  // Three at 13:05 weigh under three from 13:20, two thirds into the next window.
  assert.deepEqual([refused.allowed, refused.retryAfterSeconds], [false, 15 * 60]);
  const original = table.doc.send.bind(table.doc);
  let sent = 0;
  (table.doc as { send: unknown }).send = (...args: unknown[]) => {
    sent++;
    return (original as (...a: unknown[]) => unknown)(...args);
  };
  try {
    const later = await hitLimitRemembering("signin-email", "FLOOD@example.com", now + 60_000);
    assert.deepEqual([later.allowed, later.retryAfterSeconds], [false, 14 * 60]);
    assert.equal(sent, 0, "answered from memory");
    assert.equal(knownOverLimit("signin-email", "flood@example.com", now + 15 * 60_000), null, "forgotten when the refusal ends");
    assert.equal((await hitLimitRemembering("signin-email", "flood@example.com", now + 15 * 60_000)).allowed, true);
    assert.equal(sent, 2, "a GetItem of the previous window and the UpdateItem");
  } finally {
    (table.doc as { send: unknown }).send = original;
  }
});
