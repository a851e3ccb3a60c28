import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { planDemoData } from "./demo-data";
import { seedDemoData } from "./seed";

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo.stop());

async function scanAll(doc: DynamoDBDocument, schema: TableSchema) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.scan({ TableName: schema.tableName, ExclusiveStartKey: start });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const { pk, sk } = keysFor(schema).names;
  return items.sort((a, b) => `${a[pk]}|${a[sk]}`.localeCompare(`${b[pk]}|${b[sk]}`));
}

describe("the demo plan", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");

  test("is the same for the same seed and differs for another", () => {
    assert.deepEqual(planDemoData({ users: 40, seed: 7, now }), planDemoData({ users: 40, seed: 7, now }));
    assert.notDeepEqual(planDemoData({ users: 40, seed: 7, now }), planDemoData({ users: 40, seed: 8, now }));
  });

  test("is realistic: several providers, 0-3 accounts, live and expired items, a few heavy users", () => {
    const plan = planDemoData({ users: 200, seed: 1, now });
    const providers = new Set(plan.users.flatMap((u) => u.accounts.map((a) => a.provider)));
    assert.ok(providers.size >= 4, `providers: ${[...providers]}`);
    const accountCounts = new Set(plan.users.map((u) => u.accounts.length));
    assert.deepEqual([...accountCounts].sort(), [0, 1, 2, 3]);
    const sessions = plan.users.flatMap((u) => u.sessions);
    assert.ok(sessions.some((s) => s.expires.getTime() > now) && sessions.some((s) => s.expires.getTime() < now));
    const tokens = [...plan.users.flatMap((u) => u.tokens), ...plan.strayTokens];
    assert.ok(tokens.some((t) => t.expires.getTime() > now) && tokens.some((t) => t.expires.getTime() < now));
    assert.ok(
      plan.users.some((u) => u.sessions.length >= 30),
      "a few users have many sessions",
    );
    assert.equal(new Set(plan.users.map((u) => u.user.email)).size, 200, "emails are unique");
  });
});

describe("npm run seed", () => {
  test("writes through the adapter, deterministically", async () => {
    const now = Date.parse("2026-11-25T12:00:00Z");
    const [a, b] = [testSchema("seed-a"), testSchema("seed-b")];
    for (const schema of [a, b]) await ensureTable(dynamo.raw, schema, { ttl: false });
    const countsA = await seedDemoData(dynamo.doc, a, { users: 25, seed: 99, now });
    const countsB = await seedDemoData(dynamo.doc, b, { users: 25, seed: 99, now });
    assert.deepEqual(countsA, countsB);
    const [itemsA, itemsB] = [await scanAll(dynamo.doc, a), await scanAll(dynamo.doc, b)];
    assert.equal(itemsA.length, countsA.users + countsA.accounts + countsA.sessions + countsA.verificationTokens);
    assert.deepEqual(itemsA, itemsB);

    const users = itemsA.filter((item) => item.type === "USER");
    assert.equal(users.length, 25);
    assert.ok(users.every((u) => typeof u.id === "string" && u.pk === `USER#${u.id}` && u.GSI1PK === `USER#${u.email}`));
    const sessions = itemsA.filter((item) => String(item.sk).startsWith("SESSION#"));
    assert.ok(
      sessions.every((s) => typeof s.expires === "number"),
      "the adapter stores expires as epoch seconds",
    );
  });
});
