import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import { adapterOptions, adapterUser, type Dynamo, mailbox, productConfig, productTable, rawUserItem, signedIn } from "../../test/support/guard-kit";

/** events.signIn and events.createUser: the last sign-in and the creation time, on existing user items only. */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

for (const names of ["default", "custom"] as const) {
  test(`sign-ins record lastSignInAt, lastSignInProvider and signInCount; a new user gets createdAt once (${names} key names)`, async () => {
    const schema = await productTable(dynamo, `guard-events-${names}`, names);
    const mail = mailbox();
    const productEvents: string[] = [];
    const base = productConfig(dynamo, schema, mail, names === "default" ? "database" : "jwt");
    const config = withGatehouse(
      {
        ...base,
        events: {
          signIn: ({ user }) => void productEvents.push(`signIn ${user.email}`),
          createUser: ({ user }) => void productEvents.push(`createUser ${user.email}`),
        },
      },
      { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" },
    );
    const started = Date.now();
    await signedIn(config, mail, "newbie@product.test");
    const adapter = base.adapter!;
    const user = (await adapter.getUserByEmail!("newbie@product.test"))!;
    const first = (await rawUserItem(dynamo, schema, user.id))!;
    assert.equal(first.signInCount, 1);
    assert.equal(first.lastSignInProvider, "nodemailer");
    assert.ok(Date.parse(first.lastSignInAt) >= started - 1000);
    assert.ok(Date.parse(first.createdAt) >= started - 1000);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await signedIn(config, mail, "newbie@product.test");
    await config.events!.signIn!({ user: { id: user.id }, account: { provider: "github", providerAccountId: "9", type: "oauth" } });
    const third = (await rawUserItem(dynamo, schema, user.id))!;
    assert.equal(third.signInCount, 3);
    assert.equal(third.lastSignInProvider, "github");
    assert.ok(third.lastSignInAt > first.lastSignInAt);
    assert.equal(third.createdAt, first.createdAt, "createdAt is set once");
    assert.deepEqual(productEvents, ["createUser newbie@product.test", "signIn newbie@product.test", "signIn newbie@product.test", "signIn undefined"]);
  });
}

test("createUser keeps a createdAt already there, and neither event creates a user item that doesn't exist", async () => {
  const schema = await productTable(dynamo, "guard-events-missing");
  const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
  // A credentials sign-in whose user lives elsewhere: no item under this id.
  await config.events!.signIn!({ user: { id: "not-in-table" }, account: { provider: "credentials", providerAccountId: "not-in-table", type: "credentials" } });
  await config.events!.createUser!({ user: { id: "not-in-table-either" } });
  assert.equal(await rawUserItem(dynamo, schema, "not-in-table"), undefined);
  assert.equal(await rawUserItem(dynamo, schema, "not-in-table-either"), undefined);

  const user = await adapterUser(dynamo, schema, "imported@product.test");
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: { pk: `USER#${user.id}`, sk: `USER#${user.id}` },
    UpdateExpression: "SET createdAt = :t",
    ExpressionAttributeValues: { ":t": "2020-01-01T00:00:00.000Z" },
  });
  await config.events!.createUser!({ user: { id: user.id } });
  assert.equal((await rawUserItem(dynamo, schema, user.id))!.createdAt, "2020-01-01T00:00:00.000Z");
});
