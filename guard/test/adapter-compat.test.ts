import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import {
  adapterOptions,
  adapterUser,
  blockUser,
  type Dynamo,
  mailbox,
  productConfig,
  productTable,
  revokeUser,
  unblockUser,
} from "../../test/support/guard-kit";

/** A user item as the adapter reads it back, with the fields the console's Block user writes. */
type GuardedUser = { name?: string | null; gatehouseBlock: { reason: string }; gatehouseRevokedAt: unknown };

/** The attributes Gatehouse and the guard add stay invisible to the adapter's own behaviour. */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

for (const names of ["default", "custom"] as const) {
  test(`the adapter still reads every blocked, unblocked and revoked user, and updateUser keeps the block (${names} key names)`, async () => {
    const schema = await productTable(dynamo, `guard-compat-${names}`, names);
    const adapter = DynamoDBAdapter(dynamo.doc, adapterOptions(schema));
    const blocked = await adapterUser(dynamo, schema, "b@product.test", { provider: "github", providerAccountId: "b1" });
    const unblocked = await adapterUser(dynamo, schema, "u@product.test", { provider: "github", providerAccountId: "u1" });
    const never = await adapterUser(dynamo, schema, "n@product.test", { provider: "github", providerAccountId: "n1" });
    await blockUser(dynamo, schema, blocked.id, { reason: "fraud" });
    await revokeUser(dynamo, schema, blocked.id);
    await blockUser(dynamo, schema, unblocked.id);
    await unblockUser(dynamo, schema, unblocked.id);
    await revokeUser(dynamo, schema, unblocked.id);

    for (const user of [blocked, unblocked, never]) {
      assert.equal((await adapter.getUser!(user.id))?.email, user.email);
      assert.equal((await adapter.getUserByEmail!(user.email))?.id, user.id);
    }
    assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: "b1" }))?.id, blocked.id);
    assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: "u1" }))?.id, unblocked.id);
    const read = (await adapter.getUser!(blocked.id)) as unknown as GuardedUser;
    assert.equal(read.gatehouseBlock.reason, "fraud");
    assert.ok(read.gatehouseRevokedAt instanceof Date, "the adapter hands top-level ISO times over as Dates");

    await adapter.updateUser!({ id: blocked.id, name: "Renamed" });
    const updated = (await adapter.getUser!(blocked.id)) as unknown as GuardedUser;
    assert.equal(updated.name, "Renamed");
    assert.equal(updated.gatehouseBlock.reason, "fraud");

    // getSessionAndUser, raw and through the guard, for a user who was never blocked.
    const guarded = withGatehouse(productConfig(dynamo, schema, mailbox(), "database"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" })
      .adapter!;
    const expires = new Date(Date.now() + 86_400_000);
    await guarded.createSession!({ sessionToken: `tok-${names}`, userId: never.id, expires });
    for (const via of [adapter, guarded]) {
      const found = await via.getSessionAndUser!(`tok-${names}`);
      assert.equal(found?.user.id, never.id);
      assert.equal(found?.session.expires.getTime(), expires.getTime());
    }
    assert.equal(await guarded.getSessionAndUser!("missing"), null);
  });
}
