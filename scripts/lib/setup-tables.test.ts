import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoConfig, TableSchema } from "@/lib/config";
import { createTableInput, enableStreamCommand, inspectTable, STREAM_VIEW_TYPE } from "@/lib/dynamo/table-health";
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

      const health = await inspectTable(dynamo.raw, product, { stream: true });
      assert.deepEqual(health.stream, { enabled: true, viewType: STREAM_VIEW_TYPE }, "the product table is made with its stream on");
      assert.equal(
        (await dynamo.raw.describeTable({ TableName: gatehouse.tableName })).Table?.StreamSpecification,
        undefined,
        "Gatehouse's own table needs none",
      );
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

describe("npm run setup and the product table's stream", () => {
  /** A product table as it was made before activity: no stream. */
  async function streamlessProduct() {
    const product = testSchema("setup-nostream");
    await dynamo.raw.createTable(createTableInput(product));
    await dynamo.raw.updateTimeToLive({ TableName: product.tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" } });
    return product;
  }

  test("an existing table without a stream gets the command and what it costs, and is left unchanged", async () => {
    const product = await streamlessProduct();
    const gatehouse = testSchema("setup-nostream-gatehouse");
    const lines: string[] = [];
    const result = await setupTables(dynamo, configFor(product, gatehouse), (line) => lines.push(line));
    const output = lines.join("\n");
    assert.deepEqual(result.created, [gatehouse.tableName]);
    assert.deepEqual(result.streamsEnabled, []);
    const command = `aws dynamodb update-table --table-name ${product.tableName} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES`;
    assert.equal(enableStreamCommand(product.tableName), command);
    assert.ok(output.includes(command), output);
    assert.equal(output.split(command).length - 1, 1, "printed once");
    assert.match(output, /npm run setup -- --enable-streams/);
    assert.match(output, /activity pages .* stay empty/);
    assert.match(output, /kept 24 hours/);
    assert.match(output, /Lambda trigger .* free/);
    assert.match(output, /\$0\.02 per 100,000/);
    const finding = result.health[0]!.findings.find((f) => f.scope === "activity")!;
    assert.equal(finding.level, "warning");
    assert.equal(result.findings, 1, "counted while activity is on");
    assert.equal(result.health[1]!.findings.length, 0, "Gatehouse's own table is not asked for a stream");
    assert.equal((await dynamo.raw.describeTable({ TableName: product.tableName })).Table?.StreamSpecification?.StreamEnabled, undefined, "no change");

    const off = await setupTables(dynamo, configFor(product, gatehouse), () => {}, { activity: "off" });
    assert.equal(off.findings, 0, "with GATEHOUSE_ACTIVITY=off it is printed, not counted");
    assert.equal(off.health[0]!.findings.length, 1);
  });

  test("--enable-streams turns the stream on", async () => {
    const product = await streamlessProduct();
    const lines: string[] = [];
    const result = await setupTables(dynamo, configFor(product, product), (line) => lines.push(line), { enableStreams: true });
    assert.deepEqual(result.streamsEnabled, [product.tableName]);
    assert.equal(result.findings, 0, lines.join("\n"));
    assert.match(lines[0]!, /stream turned on/);
    const { Table } = await dynamo.raw.describeTable({ TableName: product.tableName });
    assert.deepEqual(Table?.StreamSpecification, { StreamEnabled: true, StreamViewType: STREAM_VIEW_TYPE });
    assert.ok(Table?.LatestStreamArn);

    const again = await setupTables(dynamo, configFor(product, product), () => {}, { enableStreams: true });
    assert.deepEqual(again.streamsEnabled, [], "a table with its stream on is left alone");
  });

  test("a stream of another view type is reported (disable, then enable), never switched", async () => {
    const product = testSchema("setup-keysonly");
    await dynamo.raw.createTable({ ...createTableInput(product), StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } });
    const lines: string[] = [];
    const result = await setupTables(dynamo, configFor(product, product), (line) => lines.push(line), { enableStreams: true });
    assert.deepEqual(result.streamsEnabled, []);
    const finding = result.health[0]!.findings.find((f) => f.scope === "activity");
    assert.ok(finding, lines.join("\n"));
    assert.equal(finding.level, "warning");
    assert.match(finding.message, /KEYS_ONLY; activity needs NEW_AND_OLD_IMAGES/);
    assert.match(finding.fix, /can't be changed in place: disable it, then enable it/);
    assert.match(finding.fix, /StreamEnabled=false.*StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES/);
    assert.equal((await dynamo.raw.describeTable({ TableName: product.tableName })).Table?.StreamSpecification?.StreamViewType, "KEYS_ONLY");
  });
});

describe("the doctor", () => {
  test("flags a table without the index and without TTL, with fixes", async () => {
    const schema = testSchema("doctor-bare");
    const { GlobalSecondaryIndexes: _none, ...bare } = createTableInput(schema);
    await dynamo.raw.createTable({ ...bare, AttributeDefinitions: bare.AttributeDefinitions.slice(0, 2) });
    const lines: string[] = [];
    // Activity off: the missing stream is printed but not counted (the next tests are about it).
    const result = await setupTables(dynamo, configFor(schema, schema), (line) => lines.push(line), { activity: "off" });
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

  test("flags a product table without a stream as a warning for activity, with the command; Gatehouse's table is not checked", async () => {
    const schema = testSchema("doctor-nostream");
    await dynamo.raw.createTable(createTableInput(schema));
    const product = await inspectTable(dynamo.raw, schema, { stream: true });
    assert.deepEqual(product.stream, { enabled: false, viewType: undefined });
    assert.equal(product.findings.length, 2, "TTL and the stream");
    const stream = product.findings.find((f) => f.message.includes("has no stream"));
    assert.ok(stream);
    assert.equal(stream.level, "warning", "sign-in works without it; only the activity pages stay empty");
    assert.equal(stream.scope, "activity");
    assert.match(stream.message, /activity pages .* stay empty/);
    assert.ok(stream.fix.startsWith(enableStreamCommand(schema.tableName)));
    assert.match(stream.note ?? "", /24 hours/);
    const own = await inspectTable(dynamo.raw, schema);
    assert.equal(own.stream, undefined);
    assert.ok(!own.findings.some((f) => f.scope === "activity"));
  });

  test("reports a missing table", async () => {
    const health = await inspectTable(dynamo.raw, testSchema("doctor-missing"));
    assert.equal(health.exists, false);
    assert.match(health.findings[0]!.fix, /npm run setup/);
  });
});
