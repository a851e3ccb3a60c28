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
