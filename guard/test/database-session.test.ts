import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import {
  adapterOptions,
  adapterUser,
  blockUser,
  countingClient,
  type Dynamo,
  mailbox,
  productConfig,
  productTable,
  revokeUser,
  signedIn,
  unblockUser,
} from "../../test/support/guard-kit";

/**
 * Database sessions: the guard ends them where Auth.js looks first (the adapter's
 * getSessionAndUser), reading nothing itself: the adapter has just read the user item.
 */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

async function sessionItems(schema: { tableName: string; partitionKey: string; sortKey: string }, userId: string) {
  const result = await dynamo.doc.query({
    TableName: schema.tableName,
    KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
    ExpressionAttributeNames: { "#pk": schema.partitionKey, "#sk": schema.sortKey },
    ExpressionAttributeValues: { ":pk": `USER#${userId}`, ":session": "SESSION#" },
  });
  return result.Items ?? [];
}

for (const names of ["default", "custom"] as const) {
  describe(`database sessions (${names} key names)`, () => {
    test("a blocked user's next request has no session and the cookie is cleared, at no read of the guard's own", async () => {
      const schema = await productTable(dynamo, `guard-db-block-${names}`, names);
      const user = await adapterUser(dynamo, schema, "db@product.test");
      const counted = countingClient(dynamo.endpoint);
      const mail = mailbox();
      const base = { ...productConfig(dynamo, schema, mail, "database"), adapter: DynamoDBAdapter(counted.doc, adapterOptions(schema)) };
      const config = withGatehouse(base, { client: counted.doc, ...adapterOptions(schema), appName: "my-app" });
      const b = await signedIn(config, mail, "db@product.test");
      const [item] = await sessionItems(schema, user.id);
      assert.match(String(item.createdAt), /^\d{4}-\d\d-\d\dT/, "the guard stamps the session's creation time");

      counted.reset();
      assert.equal((await b.session())?.user?.email, "db@product.test");
      assert.deepEqual(counted.calls, ["Query", "GetItem"], "only the adapter's own getSessionAndUser");

      await blockUser(dynamo, schema, user.id);
      assert.equal(await b.session(), null);
      assert.equal(b.hasSessionCookie(), false);

      await unblockUser(dynamo, schema, user.id);
      const again = await signedIn(config, mail, "db@product.test");
      assert.equal((await again.session())?.user?.email, "db@product.test");
    });

    test("gatehouseRevokedAt ends sessions created before it; sessions created after it live", async () => {
      const schema = await productTable(dynamo, `guard-db-revoke-${names}`, names);
      const user = await adapterUser(dynamo, schema, "dbrev@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "database"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
      const old = await signedIn(config, mail, "dbrev@product.test");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await revokeUser(dynamo, schema, user.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const fresh = await signedIn(config, mail, "dbrev@product.test");
      assert.equal(await old.session(), null);
      assert.equal((await fresh.session())?.user?.email, "dbrev@product.test");
    });
  });
}

test("a session made before the guard (no createdAt): over when its last extension predates the revocation", async () => {
  const schema = await productTable(dynamo, "guard-db-legacy");
  const user = await adapterUser(dynamo, schema, "dbold@product.test");
  const mail = mailbox();
  const unguarded = productConfig(dynamo, schema, mail, "database");
  const b = await signedIn(unguarded, mail, "dbold@product.test");
  assert.equal((await sessionItems(schema, user.id))[0].createdAt, undefined);
  b.use(withGatehouse(unguarded, { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" }));
  assert.equal((await b.session())?.user?.email, "dbold@product.test");
  await revokeUser(dynamo, schema, user.id, new Date(Date.now() + 1000));
  assert.equal(await b.session(), null);
});

test("the product's session callback still runs; a blocked user reaching it anyway gets no session", async () => {
  const schema = await productTable(dynamo, "guard-db-product");
  const user = await adapterUser(dynamo, schema, "dbcb@product.test");
  const mail = mailbox();
  const base = productConfig(dynamo, schema, mail, "database");
  const config = withGatehouse(
    { ...base, callbacks: { session: ({ session, user }) => ({ ...session, user: { ...session.user, id: user.id }, tier: "gold" }) } },
    { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" },
  );
  const b = await signedIn(config, mail, "dbcb@product.test");
  const session = await b.session();
  assert.equal(session?.tier, "gold");
  assert.equal(session?.user?.id, user.id);

  // As Auth.js calls it, with the user the (unguarded) adapter read: the guard's check runs before the product's.
  const raw = DynamoDBAdapter(dynamo.doc, adapterOptions(schema));
  await blockUser(dynamo, schema, user.id);
  const [item] = await sessionItems(schema, user.id);
  const found = (await raw.getSessionAndUser!(String(item.sessionToken)))!;
  const call = async () => config.callbacks!.session!({ session: { ...found.session, user: found.user }, user: found.user, newSession: undefined } as never);
  await assert.rejects(call, /session has ended/);
});

test("without a session callback of the product's, the guard leaves Auth.js's default in place", async () => {
  const schema = await productTable(dynamo, "guard-db-default");
  const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "database"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
  assert.equal(config.callbacks?.session, undefined);
});
