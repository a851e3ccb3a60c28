import assert from "node:assert/strict";
import { after, afterEach, before, describe, mock, test } from "node:test";
import Credentials from "@auth/core/providers/credentials";
import { withGatehouse } from "gatehouse-guard";
import { testDynamo } from "../../test/support/dynamo";
import {
  adapterOptions,
  adapterUser,
  blockUser,
  browser,
  closedPort,
  countingClient,
  type Dynamo,
  deleteUserItems,
  mailbox,
  productConfig,
  productTable,
  revokeUser,
  signedIn,
  unblockUser,
} from "../../test/support/guard-kit";

/**
 * callbacks.jwt: a JWT session read (Auth.js's /session, what auth() calls) ends for a blocked
 * user and for a session that began before gatehouseRevokedAt, within cacheSeconds.
 */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());
afterEach(() => mock.timers.reset());

const quiet = { error: () => {} };

/** The browser's cookies as they are now, to send again later (a copied cookie, a replayed request). */
function saveCookies(b: ReturnType<typeof browser>) {
  const saved = new Map(b.jar);
  return () => {
    b.jar.clear();
    for (const [name, value] of saved) b.jar.set(name, value);
  };
}

for (const names of ["default", "custom"] as const) {
  describe(`JWT sessions (${names} key names)`, () => {
    test("a blocked user's next session read has no session and clears the cookie; unblocked, they sign in again", async () => {
      const schema = await productTable(dynamo, `guard-jwt-block-${names}`, names);
      const user = await adapterUser(dynamo, schema, "jo@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
        client: dynamo.doc,
        ...adapterOptions(schema),
        appName: "my-app",
        cacheSeconds: 0,
      });
      const b = await signedIn(config, mail, "jo@product.test");
      assert.equal((await b.session())?.user?.email, "jo@product.test");

      await blockUser(dynamo, schema, user.id);
      assert.equal(await b.session(), null);
      assert.equal(b.hasSessionCookie(), false, "the session cookie is cleared");

      await unblockUser(dynamo, schema, user.id);
      const again = await signedIn(config, mail, "jo@product.test");
      assert.equal((await again.session())?.user?.email, "jo@product.test");
    });

    test("gatehouseRevokedAt ends sessions that began before it, not those begun after", async () => {
      const schema = await productTable(dynamo, `guard-jwt-revoke-${names}`, names);
      const user = await adapterUser(dynamo, schema, "rev@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
        client: dynamo.doc,
        ...adapterOptions(schema),
        appName: "my-app",
        cacheSeconds: 0,
      });
      const before = await signedIn(config, mail, "rev@product.test");
      // Reads re-sign the JWT with a fresh iat; the guard's own claim keeps the sign-in time.
      assert.ok(await before.session());
      assert.ok(await before.session());

      await revokeUser(dynamo, schema, user.id, new Date(Date.now() + 1));
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(await before.session(), null);
      assert.equal(before.hasSessionCookie(), false);

      const afterwards = await signedIn(config, mail, "rev@product.test");
      assert.equal((await afterwards.session())?.user?.email, "rev@product.test");
      assert.equal((await afterwards.session())?.user?.email, "rev@product.test");
    });
  });
}

for (const names of ["default", "custom"] as const) {
  describe(`JWT sessions of deleted users (${names} key names)`, () => {
    test("a deleted user's next session read has no session and clears the cookie", async () => {
      const schema = await productTable(dynamo, `guard-jwt-delete-${names}`, names);
      const user = await adapterUser(dynamo, schema, "gone@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
        client: dynamo.doc,
        ...adapterOptions(schema),
        appName: "my-app",
        cacheSeconds: 0,
      });
      const b = await signedIn(config, mail, "gone@product.test");
      assert.equal((await b.session())?.user?.email, "gone@product.test");

      await deleteUserItems(dynamo, schema, user.id);
      assert.equal(await b.session(), null);
      assert.equal(b.hasSessionCookie(), false, "the session cookie is cleared");
    });

    test("blocked while offline, then deleted: the saved cookie replayed has no session", async () => {
      const schema = await productTable(dynamo, `guard-jwt-block-delete-${names}`, names);
      const user = await adapterUser(dynamo, schema, "offline@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
        client: dynamo.doc,
        ...adapterOptions(schema),
        appName: "my-app",
        cacheSeconds: 0,
      });
      const b = await signedIn(config, mail, "offline@product.test");
      assert.ok(await b.session());
      const replay = saveCookies(b);

      // The user makes no request between the block and the deletion, which takes the block with it.
      await blockUser(dynamo, schema, user.id);
      await deleteUserItems(dynamo, schema, user.id);
      replay();
      assert.equal(await b.session(), null);
      assert.equal(b.hasSessionCookie(), false);
    });
  });
}

test("a user item missing on an eventually consistent read is read again strongly consistent: a user created a moment ago stays signed in", async () => {
  const schema = await productTable(dynamo, "guard-jwt-lagging");
  const replica = await productTable(dynamo, "guard-jwt-lagging-replica");
  const lagging = countingClient(dynamo.endpoint, { laggingReplica: replica.tableName });
  const mail = mailbox();
  const base = productConfig(dynamo, schema, mail, "jwt");
  const config = withGatehouse(base, { client: lagging.doc, ...adapterOptions(schema), appName: "my-app", cacheSeconds: 30 });
  mock.timers.enable({ apis: ["Date"], now: Date.now() });
  // The magic link creates the user (adapter's createUser) just before the guard reads it.
  const b = await signedIn(config, mail, "brand-new@product.test");
  assert.equal((await b.session())?.user?.email, "brand-new@product.test");
  assert.equal((await b.session())?.user?.email, "brand-new@product.test");
  assert.ok(lagging.consistentGets() >= 1, "the missing item was read again, strongly consistent");

  lagging.reset();
  assert.equal((await b.session())?.user?.email, "brand-new@product.test");
  assert.equal(lagging.count("GetItem"), 0, "the consistent read serves the reads that follow it within cacheSeconds");
  mock.timers.tick(30_000);
  assert.equal((await b.session())?.user?.email, "brand-new@product.test");
  assert.equal(lagging.consistentGets(), 1, "after cacheSeconds: the stale read, then one consistent read");
});

test('"missing" is cached no longer than cacheSeconds: a deleted user restored (Undo) is seen once it has passed', async () => {
  const schema = await productTable(dynamo, "guard-jwt-missing-cache");
  const user = await adapterUser(dynamo, schema, "restored@product.test");
  const counted = countingClient(dynamo.endpoint);
  const mail = mailbox();
  const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
    client: counted.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    cacheSeconds: 30,
  });
  const b = await signedIn(config, mail, "restored@product.test");
  const replay = saveCookies(b);
  mock.timers.enable({ apis: ["Date"], now: Date.now() + 30_000 });

  const items = await deleteUserItems(dynamo, schema, user.id);
  counted.reset();
  assert.equal(await b.session(), null);
  assert.equal(counted.consistentGets(), 1, "confirmed by a strongly consistent read before the session ends");

  for (const item of items) await dynamo.doc.put({ TableName: schema.tableName, Item: item });
  counted.reset();
  replay();
  assert.equal(await b.session(), null, "within cacheSeconds the restore is not seen yet (the documented bound)");
  assert.equal(counted.count("GetItem"), 0, "a replayed cookie within cacheSeconds costs no read");
  mock.timers.tick(30_000);
  replay();
  assert.equal((await b.session())?.user?.email, "restored@product.test", "after cacheSeconds it is");
});

test("a credentials user with no item in the table keeps their JWT session", async () => {
  const schema = await productTable(dynamo, "guard-jwt-external");
  const base = productConfig(dynamo, schema, mailbox(), "jwt");
  const config = withGatehouse(
    {
      ...base,
      providers: [
        Credentials({
          credentials: { username: {} },
          authorize: async (input) => ({ id: `ext-${String(input.username)}`, email: `${String(input.username)}@elsewhere.test` }),
        }),
      ],
    },
    { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app", cacheSeconds: 0 },
  );
  const b = browser(config);
  const { csrfToken } = (await (await b.send("/api/auth/csrf")).json()) as { csrfToken: string };
  await b.send("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "ldap-user", csrfToken }).toString(),
  });
  assert.ok(b.hasSessionCookie());
  assert.equal((await b.session())?.user?.email, "ldap-user@elsewhere.test");
  assert.equal((await b.session())?.user?.email, "ldap-user@elsewhere.test");
});

test("an expired block leaves the session alone; a timed block lifts by itself", async () => {
  const schema = await productTable(dynamo, "guard-jwt-expiry");
  const user = await adapterUser(dynamo, schema, "timed@product.test");
  const mail = mailbox();
  const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), {
    client: dynamo.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    cacheSeconds: 0,
  });
  const b = await signedIn(config, mail, "timed@product.test");
  await blockUser(dynamo, schema, user.id, { since: new Date(Date.now() - 7200_000), until: new Date(Date.now() - 3600_000) });
  assert.equal((await b.session())?.user?.email, "timed@product.test");

  await blockUser(dynamo, schema, user.id, { until: new Date(Date.now() + 3600_000) });
  assert.equal(await b.session(), null);
  assert.match(await browser(config).requestLink("timed@product.test"), /error=AccessDenied/);
  mock.timers.enable({ apis: ["Date"], now: Date.now() + 2 * 3600_000 });
  const later = await signedIn(config, mail, "timed@product.test");
  assert.equal((await later.session())?.user?.email, "timed@product.test");
});

test("one GetItem per user per cacheSeconds: reads within it cost nothing, and a block lands once it has passed", async () => {
  const schema = await productTable(dynamo, "guard-jwt-cache");
  const user = await adapterUser(dynamo, schema, "cached@product.test");
  const counted = countingClient(dynamo.endpoint);
  const mail = mailbox();
  const base = productConfig(dynamo, schema, mail, "jwt");
  const config = withGatehouse(base, { client: counted.doc, ...adapterOptions(schema), appName: "my-app", cacheSeconds: 30 });
  const b = await signedIn(config, mail, "cached@product.test");
  mock.timers.enable({ apis: ["Date"], now: Date.now() });

  counted.reset();
  assert.ok(await b.session());
  assert.ok(await b.session());
  assert.ok(await b.session());
  assert.equal(counted.count("GetItem"), 0, "the sign-in's read serves the reads that follow it");

  await blockUser(dynamo, schema, user.id);
  assert.ok(await b.session(), "within cacheSeconds the block is not seen yet (the documented bound)");
  mock.timers.tick(30_000);
  assert.equal(await b.session(), null, "after cacheSeconds it is");
  assert.equal(counted.count("GetItem"), 1);
  assert.deepEqual(
    counted.calls.filter((name) => name !== "PutItem"),
    ["GetItem"],
    "nothing but that one GetItem (the heartbeat aside)",
  );
});

test("DynamoDB unreachable on a session read: the session stays with failClosed false and ends with failClosed true", async () => {
  const schema = await productTable(dynamo, "guard-jwt-failclosed");
  await adapterUser(dynamo, schema, "outage@product.test");
  const mail = mailbox();
  const base = productConfig(dynamo, schema, mail, "jwt");
  const working = withGatehouse(base, { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
  const b = await signedIn(working, mail, "outage@product.test");
  const down = countingClient(`http://127.0.0.1:${await closedPort()}`, { maxAttempts: 1 });
  const reports: string[] = [];

  b.use(withGatehouse(base, { client: down.doc, ...adapterOptions(schema), appName: "my-app", logger: { error: (m) => void reports.push(m) } }));
  assert.equal((await b.session())?.user?.email, "outage@product.test");
  assert.ok(down.count("GetItem") >= 1, "the guard did try DynamoDB");
  assert.ok(reports.some((r) => /Checking a session failed, letting the user through \(failClosed: false\)/.test(r)));

  b.use(withGatehouse(base, { client: down.doc, ...adapterOptions(schema), appName: "my-app", failClosed: true, logger: quiet }));
  assert.equal(await b.session(), null);
  assert.equal(b.hasSessionCookie(), false, "the cookie is cleared");
});

test("the product's own jwt and session callbacks still shape the token and the session, and its null still ends it", async () => {
  const schema = await productTable(dynamo, "guard-jwt-product");
  await adapterUser(dynamo, schema, "shape@product.test");
  const mail = mailbox();
  const base = productConfig(dynamo, schema, mail, "jwt");
  let signInsSeen = 0;
  let endIt = false;
  const config = withGatehouse(
    {
      ...base,
      callbacks: {
        jwt({ token, user }) {
          if (user) {
            signInsSeen += 1;
            return { ...token, role: "editor" };
          }
          return endIt ? null : token;
        },
        session({ session, token }) {
          return { ...session, user: { ...session.user, role: token.role as string }, plan: "pro" };
        },
      },
    },
    { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app", cacheSeconds: 0 },
  );
  const b = await signedIn(config, mail, "shape@product.test");
  const session = await b.session();
  assert.equal(session?.user?.role, "editor");
  assert.equal(session?.plan, "pro");
  assert.equal(signInsSeen, 1);
  endIt = true;
  assert.equal(await b.session(), null);
});

test("a JWT issued before the guard was added: kept until a revocation is recorded, then over", async () => {
  const schema = await productTable(dynamo, "guard-jwt-legacy");
  const user = await adapterUser(dynamo, schema, "legacy@product.test");
  const mail = mailbox();
  const unguarded = productConfig(dynamo, schema, mail, "jwt");
  const b = await signedIn(unguarded, mail, "legacy@product.test");
  b.use(withGatehouse(unguarded, { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app", cacheSeconds: 0 }));
  assert.equal((await b.session())?.user?.email, "legacy@product.test");
  assert.equal((await b.session())?.user?.email, "legacy@product.test");
  await new Promise((resolve) => setTimeout(resolve, 5));
  await revokeUser(dynamo, schema, user.id);
  assert.equal(await b.session(), null);
});
