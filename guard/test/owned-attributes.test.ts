import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ATTRIBUTES, withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import {
  adapterOptions,
  adapterUser,
  blockUser,
  type Dynamo,
  mailbox,
  productConfig,
  productTable,
  rawUserItem,
  revokeUser,
} from "../../test/support/guard-kit";

/**
 * adapter.updateUser: a product that passes its users' input to it must not let them clear their
 * block or rewrite what the guard records. The guard drops its attributes before the real adapter sees them.
 */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

for (const names of ["default", "custom"] as const) {
  test(`updateUser drops the guard's attributes, keeps the product's fields, and warns once (${names} key names)`, async () => {
    const schema = await productTable(dynamo, `guard-owned-${names}`, names);
    const user = await adapterUser(dynamo, schema, "owner@product.test");
    await blockUser(dynamo, schema, user.id, { reason: "spam" });
    await revokeUser(dynamo, schema, user.id, new Date("2030-01-01T00:00:00.000Z"));
    const before = (await rawUserItem(dynamo, schema, user.id))!;
    const warnings: string[] = [];
    const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
      client: dynamo.doc,
      ...adapterOptions(schema),
      appName: "my-app",
      logger: { error: () => {}, warn: (message) => void warnings.push(message) },
    });

    // What a profile form handing its body to updateUser would send.
    const forged = {
      id: user.id,
      name: "New Name",
      [ATTRIBUTES.block]: null,
      [ATTRIBUTES.revokedAt]: "2000-01-01T00:00:00.000Z",
      [ATTRIBUTES.lastSignInAt]: "2000-01-01T00:00:00.000Z",
      [ATTRIBUTES.lastSignInProvider]: "forged",
      [ATTRIBUTES.signInCount]: 9999,
      [ATTRIBUTES.createdAt]: "1999-01-01T00:00:00.000Z",
    };
    const returned = await config.adapter!.updateUser!(forged as never);
    await config.adapter!.updateUser!({ ...forged, name: "Newer Name" } as never);

    const after = (await rawUserItem(dynamo, schema, user.id))!;
    assert.equal(after.name, "Newer Name", "the product's own fields are written");
    assert.equal(returned.name, "New Name");
    for (const attribute of Object.values(ATTRIBUTES)) assert.deepEqual(after[attribute], before[attribute], `${attribute} is untouched`);
    assert.ok(after[ATTRIBUTES.block], "still blocked");
    assert.equal(warnings.length, 1, "one warning, not one per call");
    assert.match(warnings[0]!, /updateUser/);
    for (const attribute of Object.values(ATTRIBUTES)) assert.ok(warnings[0]!.includes(attribute), `the warning names ${attribute}`);
  });
}

test("updateUser without any of the guard's attributes reaches the adapter as given, without a warning", async () => {
  const schema = await productTable(dynamo, "guard-owned-plain");
  const user = await adapterUser(dynamo, schema, "plain@product.test");
  const warnings: string[] = [];
  const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
    client: dynamo.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    logger: { error: () => {}, warn: (m) => void warnings.push(m) },
  });
  const verified = new Date("2026-01-02T03:04:05.000Z");
  await config.adapter!.updateUser!({ id: user.id, emailVerified: verified, image: "https://img.test/a.png" });
  const item = (await rawUserItem(dynamo, schema, user.id))!;
  assert.equal(item.emailVerified, verified.toISOString());
  assert.equal(item.image, "https://img.test/a.png");
  assert.deepEqual(warnings, []);
});
