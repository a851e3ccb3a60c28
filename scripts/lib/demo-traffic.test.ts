import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { ATTRIBUTES } from "@/guard/src/contract";
import { ConfigError, type DynamoConfig, parseDynamoConfig, type TableSchema } from "@/lib/config";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { DEMO_EMAIL_PROVIDER } from "./demo-activity";
import { createDemoTraffic, demoTrafficRefusal, startDemoTraffic } from "./demo-traffic";
import { seedDemoData } from "./seed";

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

/** The config `npm start` makes for the embedded engine: its endpoint comes through GATEHOUSE_EMBEDDED_ENDPOINT. */
function embedded(schema: TableSchema): DynamoConfig {
  const config = parseDynamoConfig({
    GATEHOUSE_EMBEDDED_ENDPOINT: dynamo.endpoint,
    AUTH_DYNAMODB_TABLE: schema.tableName,
    AUTH_DYNAMODB_PARTITION_KEY: schema.partitionKey,
    AUTH_DYNAMODB_SORT_KEY: schema.sortKey,
    AUTH_DYNAMODB_INDEX_NAME: schema.indexName,
    AUTH_DYNAMODB_INDEX_PARTITION_KEY: schema.indexPartitionKey,
    AUTH_DYNAMODB_INDEX_SORT_KEY: schema.indexSortKey,
  });
  assert.equal(config.engine, "embedded");
  return config;
}

/** A document client that fails the test on any call. */
const untouchable = new Proxy({} as DynamoDBDocument, {
  get: (_, name) => () => assert.fail(`called DynamoDB (${String(name)})`),
});

describe("where demo traffic runs", () => {
  const endpoint = parseDynamoConfig({ AUTH_DYNAMODB_ENDPOINT: "http://localhost:8000" });
  const aws = parseDynamoConfig({ AUTH_DYNAMODB_REGION: "eu-west-1" });

  test("on the embedded engine unless GATEHOUSE_DEMO_TRAFFIC=off; never elsewhere, even when asked", () => {
    const local = parseDynamoConfig({});
    assert.equal(demoTrafficRefusal({}, local), undefined);
    assert.equal(demoTrafficRefusal({ GATEHOUSE_DEMO_TRAFFIC: "on" }, local), undefined);
    assert.match(demoTrafficRefusal({ GATEHOUSE_DEMO_TRAFFIC: "off" }, local) ?? "", /GATEHOUSE_DEMO_TRAFFIC=off/);
    for (const config of [endpoint, aws]) {
      assert.match(demoTrafficRefusal({}, config) ?? "", /embedded engine only/);
      assert.match(demoTrafficRefusal({ GATEHOUSE_DEMO_TRAFFIC: "on" }, config) ?? "", /embedded engine only/);
    }
    assert.throws(() => demoTrafficRefusal({ GATEHOUSE_DEMO_TRAFFIC: "yes" }, local), ConfigError);
  });

  test("refused, it starts nothing and calls nothing", async () => {
    assert.equal(startDemoTraffic(untouchable, endpoint, {}), undefined);
    assert.equal(startDemoTraffic(untouchable, aws, { GATEHOUSE_DEMO_TRAFFIC: "on" }), undefined);
    assert.equal(startDemoTraffic(untouchable, parseDynamoConfig({}), { GATEHOUSE_DEMO_TRAFFIC: "off" }), undefined);
    assert.throws(() => createDemoTraffic(untouchable, endpoint), /embedded engine only/);
    assert.throws(() => createDemoTraffic(untouchable, aws), /embedded engine only/);
  });
});

for (const names of ["default", "custom"] as const) {
  describe(`a demo traffic step on DynamoDB Local (${names} key names)`, () => {
    let schema: TableSchema;
    let config: DynamoConfig;
    const now = Date.now();

    before(async () => {
      schema = testSchema(`demo-traffic-${names}`, names);
      await ensureTable(dynamo.raw, schema, { ttl: false });
      await seedDemoData(dynamo.doc, schema, { users: 12, seed: 8, now });
      config = embedded(schema);
    });

    const userItem = async (id: string) =>
      (await dynamo.doc.get({ TableName: schema.tableName, Key: { [schema.partitionKey]: `USER#${id}`, [schema.sortKey]: `USER#${id}` } })).Item ?? {};
    const items = async (pk: string, prefix: string) =>
      (
        await dynamo.doc.query({
          TableName: schema.tableName,
          KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
          ExpressionAttributeNames: { "#pk": schema.partitionKey, "#sk": schema.sortKey },
          ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
        })
      ).Items ?? [];
    const sessions = async (userId: string) => (await items(`USER#${userId}`, "SESSION#")).length;

    const tokens = async () => {
      const scanned = await dynamo.doc.scan({
        TableName: schema.tableName,
        FilterExpression: "#type = :vt",
        ExpressionAttributeNames: { "#type": "type" },
        ExpressionAttributeValues: { ":vt": "VT" },
      });
      return scanned.Items ?? [];
    };

    test("a sign-in makes a session and the guard's sign-in record with one of the user's providers", async () => {
      const traffic = createDemoTraffic(dynamo.doc, config, { random: () => 0 });
      const step = await traffic.tick("sign-in");
      assert.ok(step.action === "sign-in" || step.action === "magic-link", JSON.stringify(step));
      const before = await sessions(step.userId);
      const user = await userItem(step.userId);
      assert.equal(user[ATTRIBUTES.signInCount], 1);
      assert.equal(user[ATTRIBUTES.lastSignInProvider], step.provider);
      assert.ok(Math.abs(Date.parse(String(user[ATTRIBUTES.lastSignInAt])) - Date.now()) < 60_000);
      assert.equal(user.email, step.email);
      const accounts = (await items(`USER#${step.userId}`, "ACCOUNT#")).map((a) => a.provider);
      if (step.action === "sign-in") assert.ok(accounts.includes(step.provider));
      else assert.deepEqual(accounts, [], "a user with no account signs in by link");
      await traffic.tick("sign-in");
      assert.equal(await sessions(step.userId), before + 1, "each sign-in makes a session");
      assert.equal((await userItem(step.userId))[ATTRIBUTES.signInCount], 2);
    });

    test("a magic link is requested and used (no token left), verifies the email and signs in by link", async () => {
      const traffic = createDemoTraffic(dynamo.doc, config);
      const pending = (await tokens()).length;
      const step = await traffic.tick("magic-link");
      assert.ok(step.action === "magic-link", JSON.stringify(step));
      const user = await userItem(step.userId);
      assert.equal(user[ATTRIBUTES.lastSignInProvider], DEMO_EMAIL_PROVIDER);
      assert.ok(Date.now() - Date.parse(String(user.emailVerified)) < 60_000, "Auth.js marks the email verified");
      assert.ok((await sessions(step.userId)) >= 1);
      assert.equal((await tokens()).length, pending, "the link's token was used up");
    });

    test("an unused link stays, pending a day, stored hashed as Auth.js stores it", async () => {
      const traffic = createDemoTraffic(dynamo.doc, config);
      const before = new Set((await tokens()).map((t) => String(t.token)));
      const step = await traffic.tick("unused-link");
      assert.ok(step.action === "unused-link", JSON.stringify(step));
      const added = (await tokens()).filter((t) => !before.has(String(t.token)));
      assert.equal(added.length, 1);
      const [token] = added;
      assert.equal(token!.identifier, step.email);
      assert.ok(Number(token!.expires) * 1000 > Date.now() + 23 * 3600_000);
      assert.match(String(token!.token), /^[0-9a-f]{64}$/);
    });

    test("a sign-out deletes one of the user's live sessions", async () => {
      const traffic = createDemoTraffic(dynamo.doc, config, { random: () => 0 });
      const signedIn = await traffic.tick("sign-in");
      assert.ok("userId" in signedIn);
      const count = await sessions(signedIn.userId);
      const step = await traffic.tick("sign-out");
      assert.deepEqual(step, { action: "sign-out", userId: signedIn.userId, email: signedIn.email });
      assert.equal(await sessions(signedIn.userId), count - 1);
    });

    test("started, it steps on its own and stops", async () => {
      const lines: string[] = [];
      const traffic = startDemoTraffic(dynamo.doc, config, {}, { intervalMs: [20, 40], log: (line) => lines.push(line) });
      assert.ok(traffic);
      const signIns = async () => {
        const scanned = await dynamo.doc.scan({ TableName: schema.tableName });
        return (scanned.Items ?? []).reduce((sum, i) => sum + (typeof i[ATTRIBUTES.signInCount] === "number" ? i[ATTRIBUTES.signInCount] : 0), 0);
      };
      const start = await signIns();
      const deadline = Date.now() + 20_000;
      while ((await signIns()) === start && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await traffic.stop();
      assert.ok((await signIns()) > start, "some user signed in");
      const stopped = await signIns();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await signIns(), stopped, "nothing after stop");
      assert.deepEqual(lines, []);
    });
  });
}
