import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/**
 * Purge expired runs: each run is an item of the Gatehouse table and its cursors name it and
 * their step, so a cursor continues one run, once per step, only for whoever started it, never
 * after the run has ended; each step is recorded in the run's audit entry before it deletes.
 */
const product = testSchema("purge-run-product");
const gatehouse = testSchema("purge-run-gatehouse");
const ana = testOperator("ana@ops.test", "admin", 1);
const olu = testOperator("olu@ops.test", "admin", 1);

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let adapter: Adapter;
let purge: typeof import("./server");
let audit: typeof import("@/lib/features/audit/server");

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
  adapter = DynamoDBAdapter(dynamo.doc, product);
  purge = await import("./server");
  audit = await import("@/lib/features/audit/server");
});
after(() => dynamo?.stop());

async function seedExpired(count: number) {
  const user = await adapter.createUser!({ id: "", email: `${randomUUID().slice(0, 8)}@example.com`, emailVerified: null });
  for (let i = 0; i < count; i++) await adapter.createSession!({ sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() - 3600_000) });
}

async function expiredLeft() {
  const { Items = [] } = await dynamo.doc.scan({ TableName: product.tableName });
  return Items.filter((item) => String(item.sk).startsWith("SESSION#") && Number(item.expires) * 1000 < Date.now()).length;
}

async function runEntry(reason: string) {
  const { entries } = await audit.listAudit(ana, { action: "purge-expired" }, { pageSize: 100 });
  const mine = entries.filter((e) => e.reason === reason);
  assert.equal(mine.length, 1, "one audit entry per run");
  return mine[0]!;
}

describe("purge runs", () => {
  test("a finished run's cursors are refused: replaying any of its steps deletes nothing", async () => {
    await seedExpired(6);
    const cursors: string[] = [];
    let step = await purge.purgeExpiredStep(ana, { reason: "finished run", step: 3 });
    while (step.cursor) {
      cursors.push(step.cursor);
      step = await purge.purgeExpiredStep(ana, { reason: "finished run", cursor: step.cursor, step: 3 });
    }
    assert.ok(cursors.length >= 2);
    assert.equal(await expiredLeft(), 0);
    // Items that expire after the run: only a new run, with its own audit entry, may purge them.
    await seedExpired(4);
    for (const cursor of cursors) await assert.rejects(purge.purgeExpiredStep(ana, { reason: "finished run", cursor, step: 3 }), /has finished|already run/);
    assert.equal(await expiredLeft(), 4);
    assert.equal((await runEntry("finished run")).result, "ok");
    let fresh = await purge.purgeExpiredStep(ana, { reason: "the next run" });
    while (fresh.cursor) fresh = await purge.purgeExpiredStep(ana, { reason: "the next run", cursor: fresh.cursor });
    assert.equal(await expiredLeft(), 0);
  });

  test("a cursor runs its step once, for the operator who started the run", async () => {
    await seedExpired(6);
    const first = await purge.purgeExpiredStep(ana, { reason: "one step once", step: 2 });
    assert.ok(first.cursor);
    await assert.rejects(purge.purgeExpiredStep(olu, { reason: "one step once", cursor: first.cursor, step: 2 }), /stale or was altered|started by/);
    const raced = await Promise.allSettled([0, 1].map(() => purge.purgeExpiredStep(ana, { reason: "one step once", cursor: first.cursor!, step: 2 })));
    assert.equal(
      raced.filter((r) => r.status === "fulfilled").length,
      1,
      `one request ran the step: ${raced.map((r) => (r.status === "rejected" ? String(r.reason) : "ran")).join("; ")}`,
    );
    const refused = raced.find((r) => r.status === "rejected") as PromiseRejectedResult;
    assert.match(String(refused.reason), /already run/);
    await assert.rejects(purge.purgeExpiredStep(ana, { reason: "one step once", cursor: first.cursor, step: 2 }), /already run/);
    let step = (raced.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<Awaited<ReturnType<typeof purge.purgeExpiredStep>>>).value;
    while (step.cursor) step = await purge.purgeExpiredStep(ana, { reason: "one step once", cursor: step.cursor, step: 2 });
    assert.equal(step.deleted, 6, "each item counted once");
  });

  test("every step is recorded in the run's audit entry before it deletes", async () => {
    await seedExpired(5);
    let step = await purge.purgeExpiredStep(ana, { reason: "step by step", step: 2 });
    let steps = 1;
    for (;;) {
      const entry = await runEntry("step by step");
      assert.equal(entry.counts?.steps, steps, `step ${steps} is in the entry`);
      if (!step.cursor) break;
      assert.equal(entry.result, "started");
      step = await purge.purgeExpiredStep(ana, { reason: "step by step", cursor: step.cursor, step: 2 });
      steps++;
    }
    const entry = await runEntry("step by step");
    assert.equal(entry.result, "ok");
    assert.equal(entry.counts?.deleted, 5);
  });
});
