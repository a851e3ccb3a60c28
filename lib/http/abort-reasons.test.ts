import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { settleAbortReasons } from "./abort-reasons";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Requests as React serves them: each in its own async-context store, each ending with its
 * cache signal aborted by an Error made in a setImmediate callback. The first one also leaves
 * a promise behind that outlives it, as a module evaluated during a request does. Returns how
 * many of the other requests' stores survive a full GC.
 */
async function storesKeptAlive(): Promise<number> {
  const storage = new AsyncLocalStorage<object>();
  const stores: WeakRef<object>[] = [];
  let kept: Promise<void> | undefined;
  const serve = (index: number) => {
    const store = { index, cache: new AbortController(), page: "x".repeat(10_000) };
    stores.push(new WeakRef(store));
    return storage.run(store, () => {
      if (index === 0) kept = Promise.resolve();
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          store.cache.abort(new Error("This render completed successfully."));
          resolve();
        }),
      );
    });
  };
  await Promise.all(Array.from({ length: 40 }, (_, index) => serve(index)));
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  assert.ok(kept, "the first request left its promise");
  return stores.slice(1).filter((store) => store.deref() !== undefined).length;
}

test("without it, one kept request store keeps the requests served beside it alive (the hole)", async () => {
  assert.ok((await storesKeptAlive()) > 30);
});

test("with abort reasons settled, a kept request store keeps only itself", async () => {
  settleAbortReasons();
  assert.equal(await storesKeptAlive(), 0);
  const controller = new AbortController();
  const reason = new Error("why");
  controller.abort(reason);
  assert.equal(controller.signal.reason, reason, "the reason is passed on unchanged");
  assert.match(String(reason.stack), /why/);
});
