import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoConfig, TableSchema } from "@/lib/config";
import { createTableInput, inspectTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { setupTables } from "./setup-tables";

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo.stop());

function configFor(product: TableSchema, gatehouse: TableSchema): DynamoConfig {
  return { engine: "endpoint", endpoint: dynamo.endpoint, region: "local", product, gatehouse, dataDir: ".data" };
}

for (const names of ["default", "custom"] as const) {
  describe(`npm run setup with ${names} names`, () => {
    test("creates tables the real adapter can use, then only checks them", async () => {
      const product = testSchema("setup-product", names);
      const gatehouse = testSchema("setup-gatehouse");
      const lines: string[] = [];
      const first = await setupTables(dynamo, configFor(product, gatehouse), (line) => lines.push(line));
      assert.deepEqual(first.created, [product.tableName, gatehouse.tableName]);
      assert.equal(first.findings, 0, lines.join("\n"));
      const marker = (await dynamo.doc.get({ TableName: gatehouse.tableName, Key: { pk: "AUDIT#INDEX", sk: "AUDIT#INDEX" } })).Item;
      assert.equal(marker?.earlierEntries, false, "a Gatehouse table setup creates indexes every audit entry by user from the start");
      assert.ok(Date.parse(String(marker?.since)) <= Date.now());
      assert.equal(
        (await dynamo.doc.get({ TableName: product.tableName, Key: { [product.partitionKey]: "AUDIT#INDEX", [product.sortKey]: "AUDIT#INDEX" } })).Item,
        undefined,
        "the product table gets none",
      );

      const health = await inspectTable(dynamo.raw, product);
      assert.equal(health.ttl?.status, "ENABLED");
      assert.equal(health.ttl?.attribute, "expires");
      assert.equal(health.billingMode, "PAY_PER_REQUEST");
      assert.equal(health.index?.status, "ACTIVE");

      const adapter = DynamoDBAdapter(dynamo.doc, product);
      const user = await adapter.createUser!({ id: "", email: "ana@example.com", emailVerified: null, name: "Ana" });
      assert.equal((await adapter.getUser!(user.id))?.email, "ana@example.com");
      assert.equal((await adapter.getUserByEmail!("ana@example.com"))?.id, user.id);
      await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: "42" });
      assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: "42" }))?.id, user.id);
      const expires = new Date(Date.now() + 3600_000);
      await adapter.createSession!({ sessionToken: "token-1", userId: user.id, expires });
      const found = await adapter.getSessionAndUser!("token-1");
      assert.equal(found?.user.id, user.id);
      assert.equal(found?.session.expires.getTime(), expires.getTime());
      await adapter.createVerificationToken!({ identifier: "ana@example.com", token: "hash", expires });
      assert.equal((await adapter.useVerificationToken!({ identifier: "ana@example.com", token: "hash" }))?.token, "hash");

      const second = await setupTables(dynamo, configFor(product, gatehouse), () => {});
      assert.deepEqual(second.created, []);
      assert.equal(second.findings, 0);
    });
  });
}

describe("the doctor", () => {
  test("flags a table without the index and without TTL, with fixes", async () => {
    const schema = testSchema("doctor-bare");
    const { GlobalSecondaryIndexes: _none, ...bare } = createTableInput(schema);
    await dynamo.raw.createTable({ ...bare, AttributeDefinitions: bare.AttributeDefinitions.slice(0, 2) });
    const lines: string[] = [];
    const result = await setupTables(dynamo, configFor(schema, schema), (line) => lines.push(line));
    assert.deepEqual(result.created, []);
    const health = result.health[0]!;
    const gsi = health.findings.find((f) => f.message.includes('no global secondary index "GSI1"'));
    assert.ok(gsi, lines.join("\n"));
    assert.match(gsi.fix, /update-table .*"IndexName":"GSI1"/);
    const ttl = health.findings.find((f) => f.message.includes("TTL is disabled"));
    assert.ok(ttl);
    assert.match(ttl.fix, /update-time-to-live .*AttributeName=expires/);
    assert.equal(result.findings, 2);
  });

  test("flags TTL on the wrong attribute, wrong key names and a keys-only index", async () => {
    const schema = testSchema("doctor-wrong");
    const input = createTableInput(schema);
    await dynamo.raw.createTable({ ...input, GlobalSecondaryIndexes: [{ ...input.GlobalSecondaryIndexes[0]!, Projection: { ProjectionType: "KEYS_ONLY" } }] });
    await dynamo.raw.updateTimeToLive({ TableName: schema.tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: "ttl" } });
    const health = await inspectTable(dynamo.raw, { ...schema, partitionKey: "PK" });
    const messages = health.findings.map((f) => f.message).join("\n");
    assert.match(messages, /partition key is "pk", expected "PK"/);
    assert.match(messages, /projects KEYS_ONLY, expected ALL/);
    assert.match(messages, /TTL is on attribute "ttl"/);
  });

  test("reports a missing table", async () => {
    const health = await inspectTable(dynamo.raw, testSchema("doctor-missing"));
    assert.equal(health.exists, false);
    assert.match(health.findings[0]!.fix, /npm run setup/);
  });
});
