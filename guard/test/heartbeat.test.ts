import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, afterEach, before, mock, test } from "node:test";
import { GUARD_VERSION, HEARTBEAT_INTERVAL_MS, withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import { adapterOptions, adapterUser, countingClient, type Dynamo, mailbox, productConfig, productTable } from "../../test/support/guard-kit";

/** The heartbeat Gatehouse shows as "Guard active": one PutItem per instance per 10 minutes, under the configured key names. */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());
afterEach(() => mock.timers.reset());

for (const names of ["default", "custom"] as const) {
  test(`the heartbeat item is pk GATEHOUSE#GUARD, sk the app name, written at most once per 10 minutes (${names} key names)`, async () => {
    const schema = await productTable(dynamo, `guard-beat-${names}`, names);
    const user = await adapterUser(dynamo, schema, "beat@product.test");
    const counted = countingClient(dynamo.endpoint);
    mock.timers.enable({ apis: ["Date"], now: Date.parse("2026-12-01T10:00:00.000Z") });
    const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
      client: counted.doc,
      ...adapterOptions(schema),
      appName: "my-app",
      cacheSeconds: 0,
    });
    const read = () => config.callbacks!.jwt!({ token: { sub: user.id }, user: undefined as never });
    await Promise.all([read(), read(), read()]);
    await read();
    assert.equal(counted.count("PutItem"), 1);

    const key = { [schema.partitionKey]: "GATEHOUSE#GUARD", [schema.sortKey]: "my-app" };
    const item = (await dynamo.doc.get({ TableName: schema.tableName, Key: key, ConsistentRead: true })).Item;
    assert.deepEqual(item, {
      ...key,
      type: "GATEHOUSE_GUARD",
      appName: "my-app",
      guardVersion: GUARD_VERSION,
      sessionStrategy: "jwt",
      seenAt: "2026-12-01T10:00:00.000Z",
    });

    mock.timers.tick(HEARTBEAT_INTERVAL_MS - 1);
    await read();
    assert.equal(counted.count("PutItem"), 1);
    mock.timers.tick(1);
    await read();
    assert.equal(counted.count("PutItem"), 2);
    const later = (await dynamo.doc.get({ TableName: schema.tableName, Key: key, ConsistentRead: true })).Item;
    assert.equal(later?.seenAt, "2026-12-01T10:10:00.000Z");
  });
}

test("each instance (each withGatehouse) beats on its own; a config function shares one guard across requests", async () => {
  const schema = await productTable(dynamo, "guard-beat-instances");
  const counted = countingClient(dynamo.endpoint);
  const options = { client: counted.doc, ...adapterOptions(schema), appName: "db-app" };
  const base = productConfig(dynamo, schema, mailbox(), "database");
  const lazy = withGatehouse((_request?: Request) => base, options);
  for (let i = 0; i < 3; i++) await (await lazy()).adapter!.getSessionAndUser!("no-such-token");
  assert.equal(counted.count("PutItem"), 1, "three requests of one lazily built config: one heartbeat");
  await withGatehouse(base, options).adapter!.getSessionAndUser!("no-such-token");
  assert.equal(counted.count("PutItem"), 2);
  const item = (await dynamo.doc.get({ TableName: schema.tableName, Key: { pk: "GATEHOUSE#GUARD", sk: "db-app" } })).Item;
  assert.equal(item?.sessionStrategy, "database");
});

test("the version in the heartbeat is the package's", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  assert.equal(GUARD_VERSION, pkg.version);
});
