import assert from "node:assert/strict";
import { test } from "node:test";
import { batchDelete } from "./batch-delete";

type Request = { RequestItems: Record<string, { DeleteRequest: { Key: Record<string, unknown> } }[]> };

function fakeClient(behaviour: (call: number, keys: Record<string, unknown>[]) => "ok" | "half" | "throttle") {
  const gone: string[] = [];
  let calls = 0;
  const client = {
    async batchWrite(input: Request) {
      const requests = input.RequestItems.t!;
      assert.ok(requests.length <= 25, "never more than 25 per request");
      const keys = requests.map((r) => r.DeleteRequest.Key);
      const mode = behaviour(++calls, keys);
      if (mode === "throttle") throw Object.assign(new Error("slow down"), { name: "ProvisionedThroughputExceededException" });
      const done = mode === "half" ? keys.slice(0, Math.ceil(keys.length / 2)) : keys;
      gone.push(...done.map((k) => String(k.pk)));
      const left = keys.slice(done.length).map((Key) => ({ DeleteRequest: { Key } }));
      return { UnprocessedItems: left.length ? { t: left } : {} };
    },
  };
  return { client: client as never, gone, calls: () => calls };
}

const keys = Array.from({ length: 60 }, (_, i) => ({ pk: `k${i}`, sk: "s" }));

test("deletes in groups of 25", async () => {
  const fake = fakeClient(() => "ok");
  const result = await batchDelete(fake.client, "t", keys);
  assert.deepEqual(result, { deleted: 60, remaining: [], requests: 3 });
  assert.equal(new Set(fake.gone).size, 60);
});

test("retries unprocessed items and throttling until everything is gone", async () => {
  const fake = fakeClient((call) => (call % 3 === 0 ? "throttle" : call < 8 ? "half" : "ok"));
  const result = await batchDelete(fake.client, "t", keys, { baseDelayMs: 1 });
  assert.equal(result.deleted, 60);
  assert.deepEqual(result.remaining, []);
  assert.equal(new Set(fake.gone).size, 60);
  assert.ok(result.requests > 3);
});

test("reports what is left when the time budget runs out", async () => {
  const fake = fakeClient(() => "throttle");
  const result = await batchDelete(fake.client, "t", keys, { budgetMs: 30, baseDelayMs: 5 });
  assert.equal(result.deleted, 0);
  assert.equal(result.remaining.length, 60);
});

test("other errors are not swallowed", async () => {
  const client = { batchWrite: async () => Promise.reject(Object.assign(new Error("bad"), { name: "ValidationException" })) };
  await assert.rejects(batchDelete(client as never, "t", keys), /bad/);
});

/** A batchWrite that answers after a few milliseconds and records how many calls overlap. */
function slowClient(behaviour: (call: number) => "ok" | "throttle" = () => "ok") {
  let inFlight = 0;
  let calls = 0;
  const stats = { maxInFlight: 0, gone: new Set<string>() };
  const client = {
    async batchWrite(input: Request) {
      const call = ++calls;
      stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      if (behaviour(call) === "throttle") throw Object.assign(new Error("slow down"), { name: "ThrottlingException" });
      for (const r of input.RequestItems.t!) stats.gone.add(String(r.DeleteRequest.Key.pk));
      return { UnprocessedItems: {} };
    },
  };
  return { client: client as never, stats };
}

const many = Array.from({ length: 300 }, (_, i) => ({ pk: `m${i}`, sk: "s" }));

test("sends up to `concurrency` groups at once, 8 by default", async () => {
  const four = slowClient();
  const progress: number[] = [];
  const result = await batchDelete(four.client, "t", many, { concurrency: 4, onProgress: (n) => progress.push(n) });
  assert.deepEqual(result, { deleted: 300, remaining: [], requests: 12 });
  assert.equal(four.stats.maxInFlight, 4);
  assert.equal(four.stats.gone.size, 300);
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    "progress never goes back",
  );
  assert.equal(progress.at(-1), 300);

  const byDefault = slowClient();
  await batchDelete(byDefault.client, "t", many);
  assert.equal(byDefault.stats.maxInFlight, 8);
  const one = slowClient();
  await batchDelete(one.client, "t", many, { concurrency: 1 });
  assert.equal(one.stats.maxInFlight, 1);
});

test("concurrent groups retry on their own; once the budget is spent no new group starts", async () => {
  const flaky = slowClient((call) => (call % 2 === 0 ? "throttle" : "ok"));
  const done = await batchDelete(flaky.client, "t", many, { concurrency: 4, baseDelayMs: 1 });
  assert.equal(done.deleted, 300);
  assert.equal(flaky.stats.gone.size, 300);
  assert.ok(done.requests > 12);

  const stuck = slowClient(() => "throttle");
  const result = await batchDelete(stuck.client, "t", many, { concurrency: 2, budgetMs: 20, baseDelayMs: 5 });
  assert.equal(result.deleted, 0);
  assert.equal(new Set(result.remaining.map((k) => k.pk)).size, 300, "every key not deleted is reported once");
  assert.equal(result.remaining.length, 300);
  assert.ok(result.requests < 12, `only the groups in flight kept trying (${result.requests} requests)`);
});
