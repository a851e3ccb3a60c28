import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

/**
 * The shared lease (the operator's scan lease, a merge's user leases) on DynamoDB Local: a
 * condition that fails is a plain false, any other failure is thrown as it came.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let lease: typeof import("./lease");
let table: ReturnType<typeof import("./gatehouse-table").gatehouseTable>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, testSchema("lease-product"), { gatehouse: testSchema("lease-gatehouse") });
  lease = await import("./lease");
  table = (await import("./gatehouse-table")).gatehouseTable();
});
after(() => dynamo?.stop());

test("one holder at a time: another is refused, the holder renews, and only the holder gives it back", async () => {
  const key = table.leaseKey("held");
  assert.equal(await lease.takeLease(table, key, "a", "first", 60), true);
  assert.equal(await lease.takeLease(table, key, "b", "second", 60), false, "held by a");
  assert.equal(await lease.takeLease(table, key, "a", "first", 60), true, "a renews its own");
  assert.equal(await lease.releaseLease(table, key, "b"), false, "b holds nothing to give back");
  assert.equal(await lease.releaseLease(table, key, "a"), true);
  assert.equal(await lease.takeLease(table, key, "b", "second", 60), true, "free again");
});

test("a lease whose holder stopped renewing is taken by the next", async () => {
  const key = table.leaseKey("passed");
  assert.equal(await lease.takeLease(table, key, "a", "first", -5), true);
  assert.equal(await lease.takeLease(table, key, "b", "second", 60), true);
  assert.equal(await lease.releaseLease(table, key, "a"), false, "a lost it");
});

test("a failure other than the condition is thrown, not taken for a refusal", async () => {
  const missing = { ...table, schema: { ...table.schema, tableName: "lease-no-such-table" } };
  await assert.rejects(lease.takeLease(missing, table.leaseKey("x"), "a", "first", 60), { name: "ResourceNotFoundException" });
  await assert.rejects(lease.releaseLease(missing, table.leaseKey("x"), "a"), { name: "ResourceNotFoundException" });
});
