import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

/**
 * "Count items" against DynamoDB Local, on a table with custom key names written by the real
 * adapter plus a few items of no known kind: exact counts in one step and over many.
 */
const schema = testSchema("counts", "custom");
const admin = { email: "ana@ops.test", name: null, role: "admin" as const };
const viewer = { email: "vic@view.test", name: null, role: "viewer" as const };
const stranger = { email: "eve@example.com", name: null, role: "viewer" as const };
const expected = {
  users: 12,
  accounts: 10,
  sessions: 13,
  expiredSessions: 5,
  verificationTokens: 5,
  expiredVerificationTokens: 2,
  guardHeartbeats: 1,
  other: 3,
};
const total = 12 + 10 + 13 + 5 + 1 + 3;

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let counts: typeof import("./entity-counts");
const sent: { command: string; input: Record<string, unknown> }[] = [];

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, schema);
  const adapter = DynamoDBAdapter(dynamo.doc, schema);
  const hour = 3600_000;
  const users = [];
  for (let i = 0; i < 12; i++) users.push(await adapter.createUser!({ id: "", email: `u${i}@example.com`, emailVerified: null }));
  for (const [i, user] of users.slice(0, 5).entries()) {
    for (const provider of ["github", "google"])
      await adapter.linkAccount!({ userId: user.id, type: i % 2 ? "oidc" : "oauth", provider, providerAccountId: `${provider}-${i}` });
  }
  for (let i = 0; i < 13; i++)
    await adapter.createSession!({ userId: users[i % 12]!.id, sessionToken: `token-${i}`, expires: new Date(Date.now() + (i < 5 ? -hour : hour)) });
  for (let i = 0; i < 5; i++)
    await adapter.createVerificationToken!({ identifier: `u${i}@example.com`, token: `vt-${i}`, expires: new Date(Date.now() + (i < 2 ? -hour : hour)) });
  const { partitionKey: pk, sortKey: sk } = schema;
  for (const item of [
    { [pk]: "AUDIT#2026-01-01", [sk]: "x", type: "AUDIT" },
    { [pk]: `USER#${users[0]!.id}`, [sk]: "PROFILE#main", bio: "hi" },
    { [pk]: "USER#legacy", [sk]: "USER#legacy", type: "SOMETHING_ELSE" },
    // gatehouse-guard's heartbeat: Gatehouse's own, not "other".
    {
      [pk]: "GATEHOUSE#GUARD",
      [sk]: "my-app",
      type: "GATEHOUSE_GUARD",
      appName: "my-app",
      guardVersion: "1.0.0",
      sessionStrategy: "jwt",
      seenAt: new Date().toISOString(),
    },
  ]) {
    await dynamo.doc.put({ TableName: schema.tableName, Item: item });
  }

  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  serverDynamo().raw.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: String(context.commandName).replace(/Command$/, ""), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  counts = await import("./entity-counts");
});
after(() => dynamo?.stop());

const commands = (name: string) => sent.filter((s) => s.command === name);

describe("counting items by entity", () => {
  test("one step counts every item exactly, reading only keys, type and expires; viewers may count", async () => {
    sent.length = 0;
    const result = await counts.countEntitiesStep(viewer);
    assert.deepEqual(result.counts, expected);
    assert.equal(result.scanned, total);
    assert.equal(result.approximateItems, total);
    assert.equal(result.done, true);
    assert.equal(result.cursor, null);
    assert.ok(result.consumedRCU > 0, "consumed read capacity is reported");
    assert.equal(commands("DescribeTable").length, 1);
    const scans = commands("Scan");
    assert.ok(scans.length >= 1);
    for (const { input } of scans) {
      const names = input.ExpressionAttributeNames as Record<string, string>;
      const projected = String(input.ProjectionExpression)
        .split(", ")
        .map((n) => names[n]);
      assert.deepEqual(new Set(projected), new Set(["PK", "SK", "type", "expires"]), "the configured key names, type and expires: nothing secret");
      assert.equal(input.FilterExpression, undefined);
    }
  });

  test("many small steps with four segments resume from the sealed cursor and add up to the same counts", async () => {
    sent.length = 0;
    let result = await counts.countEntitiesStep(admin, { step: 5 });
    let steps = 1;
    while (!result.done) {
      assert.ok(result.cursor && !result.cursor.includes("USER"), "the cursor is opaque");
      assert.ok(result.scanned <= steps * 5, "a step reads at most its budget");
      result = await counts.countEntitiesStep(admin, { cursor: result.cursor, step: 5 });
      steps++;
    }
    assert.deepEqual(result.counts, expected);
    assert.equal(result.scanned, total);
    assert.equal(result.approximateItems, total, "carried from the first step");
    assert.ok(steps >= total / 5, `${steps} steps`);
    assert.equal(commands("DescribeTable").length, 1, "DescribeTable on the first step only");
    const scans = commands("Scan").map((s) => s.input);
    assert.ok(scans.every((s) => s.TotalSegments === 4));
    assert.deepEqual(new Set(scans.map((s) => s.Segment)), new Set([0, 1, 2, 3]));
  });

  test("a tampered cursor, or one made for another operator, is refused", async () => {
    const { CursorError } = await import("@/lib/http/cursor");
    const first = await counts.countEntitiesStep(admin, { step: 5 });
    const cursor = first.cursor!;
    const flipped = cursor.slice(0, 40) + (cursor[40] === "A" ? "B" : "A") + cursor.slice(41);
    await assert.rejects(counts.countEntitiesStep(admin, { cursor: flipped, step: 5 }), CursorError);
    await assert.rejects(counts.countEntitiesStep({ ...admin, email: "bo@ops.test" }, { cursor, step: 5 }), CursorError);
    const next = await counts.countEntitiesStep(admin, { cursor, step: 5 });
    assert.ok(next.scanned > first.scanned);
  });

  test("anonymous callers and operators no longer on the allow-lists are refused before any read", async () => {
    const { ForbiddenError } = await import("@/lib/auth/authorize");
    sent.length = 0;
    for (const operator of [null, stranger]) await assert.rejects(counts.countEntitiesStep(operator), ForbiddenError);
    assert.equal(sent.length, 0);
  });
});
