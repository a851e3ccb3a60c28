import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
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
  mailbox,
  productConfig,
  productTable,
  silentServer,
  unblockUser,
} from "../../test/support/guard-kit";

/** callbacks.signIn: a blocked user gets no magic link and no OAuth/OIDC sign-in, by any provider. */
let dynamo: Dynamo;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

const quiet = { error: () => {} };

for (const names of ["default", "custom"] as const) {
  describe(`sign-in (${names} key names)`, () => {
    test("a magic-link request for a blocked address sends no mail and answers AccessDenied; unblocked, it sends one", async () => {
      const schema = await productTable(dynamo, `guard-signin-${names}`, names);
      const user = await adapterUser(dynamo, schema, "blocked@product.test");
      await blockUser(dynamo, schema, user.id, { reason: "chargeback" });
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });

      const refused = await browser(config).requestLink("blocked@product.test");
      assert.match(refused, /error=AccessDenied/);
      assert.equal(mail.sent.length, 0);

      await unblockUser(dynamo, schema, user.id);
      assert.match(await browser(config).requestLink("blocked@product.test"), /verify-request/);
      assert.equal(mail.sent.length, 1);
    });

    test("an expired block sends the mail; a block still running does not; unknown addresses are not blocked", async () => {
      const schema = await productTable(dynamo, `guard-expired-${names}`, names);
      const lapsed = await adapterUser(dynamo, schema, "lapsed@product.test");
      const running = await adapterUser(dynamo, schema, "running@product.test");
      await blockUser(dynamo, schema, lapsed.id, { since: new Date(Date.now() - 7200_000), until: new Date(Date.now() - 3600_000) });
      await blockUser(dynamo, schema, running.id, { until: new Date(Date.now() + 3600_000) });
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "database"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });

      assert.match(await browser(config).requestLink("lapsed@product.test"), /verify-request/);
      assert.match(await browser(config).requestLink("running@product.test"), /error=AccessDenied/);
      assert.match(await browser(config).requestLink("new@product.test"), /verify-request/);
      assert.deepEqual(
        mail.sent.map((m) => m.identifier),
        ["lapsed@product.test", "new@product.test"],
      );
    });

    test("a magic link mailed before the block no longer signs in", async () => {
      const schema = await productTable(dynamo, `guard-link-${names}`, names);
      const user = await adapterUser(dynamo, schema, "late@product.test");
      const mail = mailbox();
      const config = withGatehouse(productConfig(dynamo, schema, mail, "jwt"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
      const b = browser(config);
      assert.match(await b.requestLink("late@product.test"), /verify-request/);
      await blockUser(dynamo, schema, user.id);
      assert.match(await b.follow(mail.linkFor("late@product.test")!), /error=AccessDenied/);
      assert.equal(b.hasSessionCookie(), false);
    });

    test("OAuth and OIDC sign-ins of a blocked user are refused, found by their provider account", async () => {
      const schema = await productTable(dynamo, `guard-oauth-${names}`, names);
      const github = await adapterUser(dynamo, schema, "gh@product.test", { provider: "github", providerAccountId: "4242", type: "oauth" });
      const oidc = await adapterUser(dynamo, schema, "oidc@product.test", { provider: "corp-oidc", providerAccountId: "sub-7", type: "oidc" });
      const adapter = DynamoDBAdapter(dynamo.doc, adapterOptions(schema));
      const config = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" });
      // As Auth.js's OAuth callback does: the user is the adapter's user by account, else the provider's profile.
      const signIn = async (provider: string, providerAccountId: string, type: "oauth" | "oidc", profileEmail: string) => {
        const byAccount = await adapter.getUserByAccount!({ provider, providerAccountId });
        const user = byAccount ?? { id: providerAccountId, email: profileEmail, name: "x" };
        return config.callbacks!.signIn!({ user, account: { provider, providerAccountId, type }, profile: { email: profileEmail } });
      };

      assert.equal(await signIn("github", "4242", "oauth", "gh@product.test"), true);
      assert.equal(await signIn("corp-oidc", "sub-7", "oidc", "oidc@product.test"), true);
      await blockUser(dynamo, schema, github.id);
      await blockUser(dynamo, schema, oidc.id);
      assert.equal(await signIn("github", "4242", "oauth", "someone-else@elsewhere.test"), false);
      assert.equal(await signIn("corp-oidc", "sub-7", "oidc", "oidc@product.test"), false);
      // A provider account not linked yet, whose email belongs to a blocked user (account linking by email).
      assert.equal(await signIn("google", "g-1", "oidc", "gh@product.test"), false);
      assert.equal(await signIn("google", "g-2", "oidc", "stranger@product.test"), true);
    });
  });
}

test("the product's own signIn callback still runs and its false or URL still wins", async () => {
  const schema = await productTable(dynamo, "guard-product-signin");
  await adapterUser(dynamo, schema, "ok@product.test");
  const blocked = await adapterUser(dynamo, schema, "no@product.test");
  await blockUser(dynamo, schema, blocked.id);
  const mail = mailbox();
  const seen: string[] = [];
  const base = productConfig(dynamo, schema, mail, "jwt");
  const config = withGatehouse(
    {
      ...base,
      callbacks: {
        signIn: ({ user }) => {
          seen.push(String(user.email));
          if (user.email === "redirect@product.test") return "/waitlist";
          return user.email !== "denied@product.test";
        },
      },
    },
    { client: dynamo.doc, ...adapterOptions(schema), appName: "my-app" },
  );
  assert.match(await browser(config).requestLink("ok@product.test"), /verify-request/);
  assert.match(await browser(config).requestLink("denied@product.test"), /error=AccessDenied/);
  assert.equal(await browser(config).requestLink("redirect@product.test"), "http://localhost:3000/waitlist");
  assert.match(await browser(config).requestLink("no@product.test"), /error=AccessDenied/);
  assert.deepEqual(seen, ["ok@product.test", "denied@product.test", "redirect@product.test"], "a blocked user never reaches the product's callback");
  assert.equal(mail.sent.length, 1);
});

test("DynamoDB unreachable: sign-in goes through with failClosed false (reported once a minute) and is refused with failClosed true", async () => {
  const schema = await productTable(dynamo, "guard-failclosed-signin");
  const port = await closedPort();
  const down = countingClient(`http://127.0.0.1:${port}`, { maxAttempts: 1 });
  const reports: string[] = [];
  const logger = { error: (message: string) => void reports.push(message) };
  const user = { id: "u1", email: "any@product.test" };
  const account = { provider: "github", providerAccountId: "1", type: "oauth" as const };

  const open = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), { client: down.doc, ...adapterOptions(schema), appName: "my-app", logger });
  assert.equal(await open.callbacks!.signIn!({ user, account }), true);
  assert.equal(await open.callbacks!.signIn!({ user, account }), true);
  assert.ok(down.count("Query") >= 2, "the guard did try DynamoDB");
  const checks = reports.filter((r) => r.includes("Checking a sign-in"));
  assert.equal(checks.length, 1, "an outage is reported once a minute, not per sign-in");
  assert.match(checks[0], /\[gatehouse-guard\] Checking a sign-in failed, letting the user through \(failClosed: false\)/);

  const closed = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
    client: down.doc,
    ...adapterOptions(schema),
    appName: "my-app",
    failClosed: true,
    logger: quiet,
  });
  assert.equal(await closed.callbacks!.signIn!({ user, account }), false);
  assert.equal(
    await closed.callbacks!.signIn!({
      user: { id: "u2", email: "x@product.test" },
      account: { provider: "nodemailer", providerAccountId: "x@product.test", type: "email" },
      email: { verificationRequest: true },
    }),
    false,
  );
});

test("a DynamoDB that never answers counts as unreachable after timeoutMs", async () => {
  const schema = await productTable(dynamo, "guard-timeout-signin");
  const hanging = await silentServer();
  try {
    const client = countingClient(hanging.endpoint, { maxAttempts: 1 }).doc;
    const user = { id: "u1", email: "slow@product.test" };
    const account = { provider: "nodemailer", providerAccountId: "slow@product.test", type: "email" as const };
    const open = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
      client,
      ...adapterOptions(schema),
      appName: "my-app",
      timeoutMs: 200,
      logger: quiet,
    });
    assert.equal(await open.callbacks!.signIn!({ user, account }), true);
    const closed = withGatehouse(productConfig(dynamo, schema, mailbox(), "jwt"), {
      client,
      ...adapterOptions(schema),
      appName: "my-app",
      timeoutMs: 200,
      failClosed: true,
      logger: quiet,
    });
    assert.equal(await closed.callbacks!.signIn!({ user, account }), false);
  } finally {
    await hanging.close();
  }
});
