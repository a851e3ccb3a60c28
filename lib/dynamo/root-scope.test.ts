import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { after, before, test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { testDynamo } from "@/test/support/dynamo";
import { createDynamoClients } from "./client";
import { captureRootScope } from "./root-scope";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let engine: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  engine = await testDynamo();
});
after(() => engine.stop());

/**
 * A request's async context (Next keeps each request's whole store in one) must not outlive the
 * request in what the client keeps: pooled keep-alive sockets, memoized config promises. Runs a
 * call inside a store, drops it, and checks it is collected.
 */
async function storeSurvives(clients: ReturnType<typeof createDynamoClients>): Promise<boolean> {
  const storage = new AsyncLocalStorage<object>();
  let ref: WeakRef<object> | undefined;
  await (async () => {
    const store = { request: "x".repeat(1000) };
    ref = new WeakRef(store);
    await storage.run(store, () => clients.raw.listTables({}));
  })();
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref!.deref() !== undefined;
}

const config = () => ({ endpoint: engine.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

test("without the root scope, the client keeps the context of the request that first called it alive (the hole)", async () => {
  const clients = createDynamoClients(config(), { scope: null });
  try {
    assert.equal(await storeSurvives(clients), true);
  } finally {
    clients.raw.destroy();
  }
});

test("with the root scope captured at start, the request's context is collected after the call", async () => {
  captureRootScope();
  const clients = createDynamoClients(config());
  try {
    assert.equal(await storeSurvives(clients), false);
  } finally {
    clients.raw.destroy();
  }
});

test("the caller's own context is still there after it awaits the client", async () => {
  captureRootScope();
  const clients = createDynamoClients(config());
  const storage = new AsyncLocalStorage<{ id: string }>();
  try {
    const seen = await storage.run({ id: "page" }, async () => {
      await clients.doc.scan({ TableName: "none-such", Limit: 1 }).catch(() => undefined);
      await clients.raw.listTables({});
      return storage.getStore()?.id;
    });
    assert.equal(seen, "page");
  } finally {
    clients.raw.destroy();
  }
});

test("a client first made inside a request (the server makes its one client lazily) does not keep that request's context alive", async () => {
  captureRootScope();
  const storage = new AsyncLocalStorage<object>();
  let ref: WeakRef<object> | undefined;
  let clients: ReturnType<typeof createDynamoClients> | undefined;
  await (async () => {
    const store = { request: "x".repeat(1000) };
    ref = new WeakRef(store);
    // As lib/dynamo/server.ts does on the first page served: made, then called, inside that page's store.
    await storage.run(store, async () => {
      clients = createDynamoClients(config());
      await clients.raw.listTables({});
    });
  })();
  try {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    assert.equal(ref!.deref(), undefined, "the store of the request that made the client was collected");
  } finally {
    clients?.raw.destroy();
  }
});
