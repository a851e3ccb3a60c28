import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ATTRIBUTES, keptAddress, type RequestInfo, USER_AGENT_MAX, withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import { adapterOptions, adapterUser, type Dynamo, mailbox, productConfig, productTable, rawUserItem, signedIn } from "../../test/support/guard-kit";

/**
 * requestInfo and ipAddress: the device and network of a sign-in, stamped on the user item and on
 * the database session the guard sees created, keeping of the address only what the product chose.
 */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const DEVICE = [ATTRIBUTES.lastSignInIp, ATTRIBUTES.lastSignInUserAgent, ATTRIBUTES.lastSignInCountry];

async function sessionItems(schema: { tableName: string; partitionKey: string; sortKey: string }, userId: string) {
  const result = await dynamo.doc.query({
    TableName: schema.tableName,
    KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
    ExpressionAttributeNames: { "#pk": schema.partitionKey, "#sk": schema.sortKey },
    ExpressionAttributeValues: { ":pk": `USER#${userId}`, ":session": "SESSION#" },
    ConsistentRead: true,
  });
  return result.Items ?? [];
}

const pick = (item: Record<string, unknown> | undefined) =>
  Object.fromEntries(DEVICE.filter((name) => item && name in item).map((name) => [name, item![name]]));

for (const names of ["default", "custom"] as const) {
  describe(`requestInfo (${names} key names)`, () => {
    for (const strategy of ["jwt", "database"] as const) {
      test(`a sign-in stamps the user${strategy === "database" ? " and the session" : ""} with the device and the /24 network by default (${strategy})`, async () => {
        const schema = await productTable(dynamo, `guard-device-${strategy}-${names}`, names);
        const user = await adapterUser(dynamo, schema, "device@product.test");
        const mail = mailbox();
        let info: RequestInfo | undefined = { ip: "203.0.113.77", userAgent: CHROME, country: "de" };
        const config = withGatehouse(productConfig(dynamo, schema, mail, strategy), {
          client: dynamo.doc,
          ...adapterOptions(schema),
          appName: "my-app",
          requestInfo: () => info,
        });
        await signedIn(config, mail, "device@product.test");
        const expected = { lastSignInIp: "203.0.113.0/24", lastSignInUserAgent: CHROME, lastSignInCountry: "DE" };
        assert.deepEqual(pick(await rawUserItem(dynamo, schema, user.id)), expected);
        const sessions = await sessionItems(schema, user.id);
        if (strategy === "database") assert.deepEqual(pick(sessions[0]), expected);
        else assert.equal(sessions.length, 0);

        // The next sign-in's device replaces it whole: nothing of the earlier one is left over.
        info = { userAgent: "curl/8.0" };
        await signedIn(config, mail, "device@product.test");
        assert.deepEqual(pick(await rawUserItem(dynamo, schema, user.id)), { lastSignInUserAgent: "curl/8.0" });
      });
    }
  });
}

test('IPv6 is kept to its /48; "full" keeps the address; "off" keeps none, but the user agent and country', async () => {
  const schema = await productTable(dynamo, "guard-device-modes");
  const mail = mailbox();
  const info = { ip: "2001:db8:85a3:8d3:1319:8a2e:370:7348", userAgent: "UA", country: "FR" };
  const signIn = async (email: string, ipAddress?: "full" | "truncated" | "off", ip = info.ip) => {
    const user = await adapterUser(dynamo, schema, email);
    const config = withGatehouse(productConfig(dynamo, schema, mail, "database"), {
      client: dynamo.doc,
      ...adapterOptions(schema),
      appName: "my-app",
      requestInfo: async () => ({ ...info, ip }),
      ...(ipAddress && { ipAddress }),
    });
    await signedIn(config, mail, email);
    return { user: (await rawUserItem(dynamo, schema, user.id))!, session: (await sessionItems(schema, user.id))[0]! };
  };
  const v6 = await signIn("v6@product.test");
  assert.equal(v6.user.lastSignInIp, "2001:db8:85a3::/48");
  assert.equal(v6.session.lastSignInIp, "2001:db8:85a3::/48");
  const full = await signIn("full@product.test", "full", "198.51.100.23");
  assert.equal(full.user.lastSignInIp, "198.51.100.23");
  const off = await signIn("off@product.test", "off");
  for (const item of [off.user, off.session]) {
    assert.equal(ATTRIBUTES.lastSignInIp in item, false, "no address at all");
    assert.equal(item.lastSignInUserAgent, "UA");
    assert.equal(item.lastSignInCountry, "FR");
  }
});

test("addresses: IPv4 to /24, IPv6 to /48, mapped and bracketed forms, and what is not an address is not kept", () => {
  assert.equal(keptAddress("203.0.113.77", "truncated"), "203.0.113.0/24");
  assert.equal(keptAddress(" ::ffff:192.0.2.9 ", "truncated"), "192.0.2.0/24");
  assert.equal(keptAddress("[2001:db8::1]", "truncated"), "2001:db8::/48");
  assert.equal(keptAddress("2001:DB8:abcd:12::1", "full"), "2001:db8:abcd:12::1");
  assert.equal(keptAddress("fe80::1%eth0", "truncated"), "fe80::/48");
  assert.equal(keptAddress("::1", "truncated"), "::/48");
  assert.equal(keptAddress("203.0.113.77", "off"), undefined);
  for (const junk of ["", "unknown", "300.1.1.1", "1.2.3", "2001:db8::1::2", "<script>"]) assert.equal(keptAddress(junk, "full"), undefined, junk);
});

test("a huge user agent is cut to its first 512 characters; a country that is no code is dropped", async () => {
  const schema = await productTable(dynamo, "guard-device-caps");
  const user = await adapterUser(dynamo, schema, "caps@product.test");
  const mail = mailbox();
  const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
    client: dynamo.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    requestInfo: () => ({ userAgent: `Mozilla/5.0 ${"x".repeat(100_000)}`, country: "<b>DE</b>" }),
  });
  await signedIn(config, mail, "caps@product.test");
  const item = (await rawUserItem(dynamo, schema, user.id))!;
  assert.equal(USER_AGENT_MAX, 512);
  assert.equal((item.lastSignInUserAgent as string).length, 512);
  assert.equal(ATTRIBUTES.lastSignInCountry in item, false);
});

test("without requestInfo nothing is stamped; a throwing one never breaks sign-in and is warned about once", async () => {
  const schema = await productTable(dynamo, "guard-device-broken");
  const mail = mailbox();
  const plainUser = await adapterUser(dynamo, schema, "plain@product.test");
  const plain = withGatehouse(productConfig(dynamo, schema, mail, "database"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
  await signedIn(plain, mail, "plain@product.test");
  assert.deepEqual(pick(await rawUserItem(dynamo, schema, plainUser.id)), {});
  assert.equal((await rawUserItem(dynamo, schema, plainUser.id))!.signInCount, 1);

  const brokenUser = await adapterUser(dynamo, schema, "broken@product.test");
  const warnings: string[] = [];
  const broken = withGatehouse(productConfig(dynamo, schema, mail, "database"), {
    client: dynamo.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    logger: { error: () => {}, warn: (message) => void warnings.push(message) },
    requestInfo: () => {
      throw new Error("headers() called outside a request scope");
    },
  });
  const b = await signedIn(broken, mail, "broken@product.test");
  await signedIn(broken, mail, "broken@product.test");
  assert.equal((await b.session())?.user?.email, "broken@product.test");
  const item = (await rawUserItem(dynamo, schema, brokenUser.id))!;
  assert.equal(item.signInCount, 2, "both sign-ins recorded");
  assert.deepEqual(pick(item), {});
  assert.equal((await sessionItems(schema, brokenUser.id)).length, 2);
  assert.equal(warnings.length, 1, "once, not per sign-in");
  assert.match(warnings[0]!, /requestInfo failed \(headers\(\) called outside a request scope\)/);

  const rejecting = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
    client: dynamo.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    logger: { error: () => {}, warn: () => {} },
    requestInfo: () => Promise.reject(new Error("no")),
  });
  await signedIn(rejecting, mail, "broken@product.test");
});

test("options: requestInfo must be a function and ipAddress one of the modes", () => {
  const base = { client: dynamo.doc, appName: "my-app" };
  assert.throws(() => withGatehouse({}, { ...base, ipAddress: "none" as never }), {
    name: "TypeError",
    message: 'gatehouse-guard: options.ipAddress must be one of "full", "truncated", "off", got "none"',
  });
  assert.throws(() => withGatehouse({}, { ...base, requestInfo: { ip: "1.2.3.4" } as never }), {
    name: "TypeError",
    message: /options\.requestInfo must be a function/,
  });
});
