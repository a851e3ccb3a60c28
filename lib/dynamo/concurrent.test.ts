import assert from "node:assert/strict";
import { test } from "node:test";
import { mapConcurrent } from "./concurrent";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test("results in input order, never more than the limit at once", async () => {
  let running = 0;
  let most = 0;
  const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, n * 3));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(most, 2);
});

test("after a failure no new item starts, and the failure is thrown once the running ones have settled", async () => {
  const started: number[] = [];
  let settled = 0;
  await assert.rejects(
    mapConcurrent([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error("boom");
      await tick();
      settled++;
      return n;
    }),
    /boom/,
  );
  assert.deepEqual(started, [0, 1, 2], "nothing started after the failure");
  assert.equal(settled, 2, "the other running items finished before the caller heard");
});
