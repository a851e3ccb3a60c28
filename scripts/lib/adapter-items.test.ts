import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { TableSchema } from "@/lib/config";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { adapterItems, planItems, type StoredItem, writeItems } from "./adapter-items";
import { planDemoData } from "./demo-data";
import { seedDemoData } from "./seed";

/**
 * The fast generator against the real adapter: the same plan written both ways into two tables
 * must give the same items, attribute for attribute (ids drawn from the same seeded generator
 * that seedDemoData swaps in for crypto.randomUUID).
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

async function scanAll(table: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.doc.scan({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

function byKey(schema: TableSchema, items: StoredItem[]) {
  const key = (item: StoredItem) => `${String(item[schema.partitionKey])}\u0000${String(item[schema.sortKey])}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

for (const names of ["default", "custom"] as const) {
  test(`the generator writes exactly what the adapter writes (${names} key names)`, async () => {
    const viaAdapter = testSchema(`items-adapter-${names}`, names);
    const viaGenerator = { ...testSchema(`items-generator-${names}`, names) };
    await ensureTable(dynamo.raw, viaAdapter, { ttl: false });
    await ensureTable(dynamo.raw, viaGenerator, { ttl: false });
    const seed = 11;
    const now = Date.now();

    await seedDemoData(dynamo.doc, viaAdapter, { users: 60, seed, now });
    const plan = planDemoData({ users: 60, seed, now });
    // The ids the adapter drew (crypto.randomUUID is shared with the AWS SDK, so they can't be replayed).
    const written = await scanAll(viaAdapter.tableName);
    const userIds = new Map(written.filter((item) => item.type === "USER").map((item) => [item.email, item.id as string]));
    const accountIds = new Map(written.filter((item) => item.provider).map((item) => [`${item.provider}#${item.providerAccountId}`, item.id as string]));
    const { items } = planItems(viaGenerator, plan, {
      user: (user) => userIds.get(user.email)!,
      account: (_userId, account) => accountIds.get(`${account.provider}#${account.providerAccountId}`)!,
    });
    assert.equal((await writeItems(dynamo.doc, viaGenerator.tableName, items)).written, items.length);

    const expected = byKey(viaAdapter, written);
    const actual = byKey(viaGenerator, await scanAll(viaGenerator.tableName));
    assert.ok(expected.length > 150, `the plan has every kind of item (${expected.length})`);
    for (const kind of ["USER", "SESSION", "VT", "oauth", "oidc"])
      assert.ok(
        expected.some((item) => item.type === kind),
        `has ${kind}`,
      );
    assert.ok(
      expected.some((item) => item.emailVerified === null),
      "has a user with emailVerified null",
    );
    assert.equal(actual.length, expected.length);
    for (let i = 0; i < expected.length; i++) assert.deepStrictEqual(actual[i], expected[i]);
  });
}

test("single builders match the adapter for hand-made input (fractional expires, extra account fields)", async () => {
  const schema = testSchema("items-single", "custom");
  const mirror = testSchema("items-single-mirror", "custom");
  await ensureTable(dynamo.raw, schema, { ttl: false });
  await ensureTable(dynamo.raw, mirror, { ttl: false });
  const adapter = DynamoDBAdapter(dynamo.doc, schema);
  const user = await adapter.createUser!({ id: "", email: "x@example.com", emailVerified: new Date(1_700_000_000_123), name: "X" });
  const account = {
    userId: user.id,
    type: "oidc" as const,
    provider: "okta",
    providerAccountId: "abc",
    access_token: "at",
    expires_at: 1_700_000_000,
    session_state: "s",
  };
  await adapter.linkAccount!(account);
  const session = { sessionToken: "tok-1", userId: user.id, expires: new Date(1_800_000_000_456.25) };
  await adapter.createSession!(session);
  const vt = { identifier: "x@example.com", token: "hash", expires: new Date(1_800_000_000_789) };
  await adapter.createVerificationToken!(vt);
  const written = byKey(schema, await scanAll(schema.tableName));
  const accountId = written.find((item) => item.provider === "okta")!.id as string;

  const build = adapterItems(mirror);
  await writeItems(dynamo.doc, mirror.tableName, [
    build.user(user.id, { email: "x@example.com", emailVerified: new Date(1_700_000_000_123), name: "X" }),
    build.account(user.id, accountId, account),
    build.session(user.id, { sessionToken: "tok-1", expires: session.expires }),
    build.verificationToken(vt),
  ]);
  assert.deepStrictEqual(byKey(mirror, await scanAll(mirror.tableName)), written);
});
