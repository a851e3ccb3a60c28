import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { TableSchema } from "@/lib/config";
import { fingerprint } from "@/lib/secrets";
import { seedDemoData } from "@/scripts/lib/seed";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";

/**
 * The browse DAL against DynamoDB Local, with data written by the real adapter. Run once per
 * schema (default and custom names) by the *.test.ts files beside this one, each in its own
 * process, since the DAL reads its configuration from the environment once.
 */
export function browseSuite(names: "default" | "custom") {
  const schema: TableSchema = testSchema(`browse-${names}`, names);
  const admin = { email: "ana@ops.test", name: null, role: "admin" as const };
  const secrets: string[] = [];
  const commands: string[] = [];
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let dal: {
    users: typeof import("@/lib/features/users/server");
    detail: typeof import("@/lib/features/users/detail");
    accounts: typeof import("@/lib/features/accounts/server");
    sessions: typeof import("@/lib/features/sessions/server");
    tokens: typeof import("@/lib/features/tokens/server");
    quick: typeof import("@/lib/features/quick-find/server");
  };
  let heavy: { id: string; email: string };

  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    commands.length = 0;
    const result = await work();
    return { result, sent: [...commands] };
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, schema);
    await seedDemoData(dynamo.doc, schema, { users: 40, seed: 3 });

    // A user with many sessions, extra attributes and an item of an unknown kind in their partition.
    const adapter = DynamoDBAdapter(dynamo.doc, schema);
    const user = await adapter.createUser!({ id: "", email: "heavy@example.com", emailVerified: new Date(), name: "Heavy User" });
    heavy = { id: user.id, email: "heavy@example.com" };
    await dynamo.doc.update({
      TableName: schema.tableName,
      Key: { [schema.partitionKey]: `USER#${user.id}`, [schema.sortKey]: `USER#${user.id}` },
      UpdateExpression: "SET stripeCustomerId = :c, #plan = :p",
      ExpressionAttributeNames: { "#plan": "plan" },
      ExpressionAttributeValues: { ":c": "cus_123", ":p": { tier: "pro" } },
    });
    await dynamo.doc.put({ TableName: schema.tableName, Item: { [schema.partitionKey]: `USER#${user.id}`, [schema.sortKey]: "PROFILE#main", bio: "hi" } });
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider: "github",
      providerAccountId: "heavy-gh",
      access_token: "gho_heavy_secret",
      refresh_token: "rt_heavy_secret",
    });
    for (let i = 0; i < 30; i++) {
      await adapter.createSession!({
        userId: user.id,
        sessionToken: `heavy-token-${i}`,
        expires: new Date(Date.now() + (i % 3 === 0 ? -1 : 1) * 3600_000 + 0.5),
      });
    }
    await adapter.createVerificationToken!({ identifier: "heavy@example.com", token: "heavy-vt-hash", expires: new Date(Date.now() + 600_000) });

    const all = await dynamo.doc.scan({ TableName: schema.tableName });
    for (const item of all.Items ?? []) {
      for (const attribute of ["sessionToken", "access_token", "refresh_token", "id_token", "token"]) {
        if (typeof item[attribute] === "string") secrets.push(item[attribute]);
      }
    }

    const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
    serverDynamo().raw.middlewareStack.add(
      (next, context) => async (args) => {
        // What the product table is sent: the read budget's counters live in the Gatehouse table.
        const table = (args.input as { TableName?: string }).TableName;
        if (table === undefined || table === schema.tableName) commands.push(String(context.commandName).replace(/Command$/, ""));
        return next(args);
      },
      { step: "initialize", name: "countCommands" },
    );
    dal = {
      users: await import("@/lib/features/users/server"),
      detail: await import("@/lib/features/users/detail"),
      accounts: await import("@/lib/features/accounts/server"),
      sessions: await import("@/lib/features/sessions/server"),
      tokens: await import("@/lib/features/tokens/server"),
      quick: await import("@/lib/features/quick-find/server"),
    };
  });
  after(() => dynamo?.stop());

  function assertNoSecrets(value: unknown) {
    const json = JSON.stringify(value);
    for (const secret of secrets) assert.ok(!json.includes(secret), `a secret leaked: ${secret.slice(0, 6)}…`);
  }

  describe(`browsing users (${names} names)`, () => {
    test("pages through every user with Scans only, across page boundaries, and back", async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      const pages: string[][] = [];
      do {
        const { result, sent } = await counted(() => dal.users.listUsers(admin, { pageSize: 25, cursor }));
        assert.ok(
          sent.every((c) => c === "Scan"),
          `sent ${sent}`,
        );
        assert.ok(result.rows.length <= 25);
        seen.push(...result.rows.map((r) => r.id));
        pages.push(result.rows.map((r) => r.id));
        assertNoSecrets(result);
        cursor = result.nextCursor ?? undefined;
        if (result.page === 2) {
          assert.equal(result.previousCursor, null, "page two goes back to page one");
        }
      } while (cursor);
      assert.equal(pages.length, 2);
      assert.equal(seen.length, 41);
      assert.equal(new Set(seen).size, 41, "no user twice");

      const first = await dal.users.listUsers(admin, { pageSize: 25 });
      const second = await dal.users.listUsers(admin, { pageSize: 25, cursor: first.nextCursor! });
      const third = second.nextCursor ? await dal.users.listUsers(admin, { pageSize: 25, cursor: second.nextCursor }) : null;
      assert.equal(third, null);
      assert.deepEqual(
        second.rows.map((r) => r.id),
        pages[1],
      );
    });

    test("an exact email is one GSI1 Query; an id is one GetItem", async () => {
      const byEmail = await counted(() => dal.users.lookUpUser(admin, heavy.email));
      assert.equal(byEmail.result.id, heavy.id);
      assert.deepEqual(byEmail.sent, ["Query"]);
      const byId = await counted(() => dal.users.lookUpUser(admin, heavy.id));
      assert.equal(byId.result.id, heavy.id);
      assert.deepEqual(byId.sent, ["GetItem"]);
      assert.equal((await dal.users.lookUpUser(admin, "nobody@example.com")).id, null);
      assert.equal((await dal.users.lookUpUser(admin, "no-such-id")).id, null);
    });

    test("a contains search reads in steps and finds by name or email", async () => {
      const result = await dal.users.searchUsers(admin, { query: "heavy" });
      assert.deepEqual(
        result.rows.map((r) => r.id),
        [heavy.id],
      );
      assert.ok(result.scanned > 0);
      assert.equal(result.done, true);
    });

    test("a user's detail is one Query on their partition plus one for their tokens", async () => {
      const { result, sent } = await counted(() => dal.detail.getUserDetail(admin, heavy.id));
      assert.ok(result);
      assert.deepEqual(sent, ["Query", "Query"]);
      assert.equal(result.user.email, heavy.email);
      assert.equal(result.accounts.length, 1);
      assert.equal(result.accounts[0]!.hasRefreshToken, true);
      assert.equal(result.sessions.length, 30);
      assert.equal(result.sessions.filter((s) => s.live).length, 20);
      assert.ok(result.sessions.some((s) => s.fingerprint === fingerprint("heavy-token-1")));
      assert.equal(result.tokens.length, 1);
      assert.equal(result.otherItems, 1, "the unknown item is counted, not dropped");
      const userRaw = result.raw.find((r) => r.label === "User")!;
      assert.equal(
        userRaw.item.stripeCustomerId,
        "‹redacted, string of 7 characters›",
        "attributes the product added are not known to be safe: type and size only",
      );
      assert.equal(userRaw.item.email, heavy.email, "the adapter's own user attributes are shown");
      assertNoSecrets(result);
      assert.equal(await dal.detail.getUserDetail(admin, "no-such-user"), null);
    });
  });

  describe(`browsing accounts, sessions and tokens (${names} names)`, () => {
    test("accounts of one provider come from GSI1, ordered, with users from one BatchGetItem", async () => {
      const providers = await dal.accounts.listProviders(admin);
      assert.ok(providers.providers.includes("github") && providers.providers.length >= 3, `${providers.providers}`);
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const { result, sent } = await counted(() => dal.accounts.listAccounts(admin, { provider: "github", pageSize: 25, cursor }));
        assert.deepEqual(sent, result.rows.length ? ["Query", "BatchGetItem"] : ["Query"]);
        assert.ok(result.rows.every((r) => r.provider === "github" && r.user?.email));
        assert.ok(
          result.rows.every((r) => r.hasRefreshToken === null),
          "the list never reads refresh tokens",
        );
        all.push(...result.rows.map((r) => r.providerAccountId));
        assertNoSecrets(result);
        cursor = result.nextCursor ?? undefined;
      } while (cursor);
      assert.ok(all.includes("heavy-gh"));
      assert.deepEqual(all, [...all].sort(), "ordered by providerAccountId");
      const lookup = await counted(() => dal.accounts.lookUpAccount(admin, "github", "heavy-gh"));
      assert.equal(lookup.result.userId, heavy.id);
      assert.deepEqual(lookup.sent, ["Query"]);
    });

    test("sessions: live only by default, expired on request, users attached, tokens never returned", async () => {
      const live = await counted(() => dal.sessions.listSessions(admin, { pageSize: 100, includeExpired: false }));
      assert.ok(
        live.sent.every((c) => c === "Scan" || c === "BatchGetItem"),
        `${live.sent}`,
      );
      assert.ok(live.result.rows.length > 20);
      assert.ok(live.result.rows.every((r) => r.live && r.user));
      assert.equal(live.result.noSessionItems, false);
      assertNoSecrets(live.result);
      let withExpired = 0;
      let expired = 0;
      let cursor: string | undefined;
      do {
        const page = await dal.sessions.listSessions(admin, { pageSize: 100, includeExpired: true, cursor });
        withExpired += page.rows.length;
        expired += page.rows.filter((r) => !r.live).length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.ok(expired >= 10, `expired sessions listed: ${expired}`);
      assert.ok(withExpired > live.result.rows.length);

      const lookup = await counted(() => dal.sessions.lookUpSession(admin, "heavy-token-4"));
      assert.equal(lookup.result.userId, heavy.id);
      assert.deepEqual(lookup.sent, ["Query"]);
      assert.equal((await dal.sessions.lookUpSession(admin, "not-a-token")).userId, null);
    });

    test("verification tokens: all pending through a Scan, one identifier through one Query", async () => {
      const page = await dal.tokens.listVerificationTokens(admin, { pageSize: 100 });
      assert.ok(page.rows.some((r) => r.identifier === heavy.email && r.live));
      assert.ok(
        page.rows.some((r) => !r.live),
        "expired tokens awaiting TTL are listed",
      );
      assertNoSecrets(page);
      const one = await counted(() => dal.tokens.tokensForIdentifier(admin, heavy.email));
      assert.deepEqual(one.sent, ["Query"]);
      assert.deepEqual(
        one.result.rows.map((r) => r.fingerprint),
        [fingerprint("heavy-vt-hash")],
      );
    });

    test("quick find resolves each kind of input by one lookup", async () => {
      assert.deepEqual(await dal.quick.quickFind(admin, heavy.email), { found: true, href: `/users/${heavy.id}`, what: "user" });
      assert.deepEqual(await dal.quick.quickFind(admin, "github:heavy-gh"), { found: true, href: `/users/${heavy.id}`, what: "account" });
      assert.deepEqual(await dal.quick.quickFind(admin, heavy.id), { found: true, href: `/users/${heavy.id}`, what: "user" });
      const bySession = await counted(() => dal.quick.quickFind(admin, "heavy-token-2"));
      assert.deepEqual(bySession.result, { found: true, href: `/users/${heavy.id}#sessions`, what: "session" });
      assert.deepEqual(bySession.sent, ["GetItem", "Query"]);
      assert.equal((await dal.quick.quickFind(admin, "nobody@example.com")).found, false);
    });
  });

  describe(`guarding the DAL (${names} names)`, () => {
    test("tampered cursors and cursors of another view are refused", async () => {
      const { CursorError } = await import("@/lib/http/cursor");
      const first = await dal.users.listUsers(admin, { pageSize: 25 });
      const cursor = first.nextCursor!;
      const tampered = cursor.slice(0, -3) + (cursor.endsWith("AAA") ? "BBB" : "AAA");
      await assert.rejects(dal.users.listUsers(admin, { pageSize: 25, cursor: tampered }), CursorError);
      await assert.rejects(dal.users.listUsers(admin, { pageSize: 50, cursor }), CursorError);
      await assert.rejects(dal.sessions.listSessions(admin, { pageSize: 25, includeExpired: false, cursor }), CursorError);
    });

    test("every read refuses anonymous callers and operators no longer allowed", async () => {
      const { ForbiddenError } = await import("@/lib/auth/authorize");
      const stranger = { email: "eve@example.com", name: null, role: "admin" as const };
      for (const operator of [null, stranger]) {
        await assert.rejects(dal.users.listUsers(operator, { pageSize: 25 }), ForbiddenError);
        await assert.rejects(dal.users.lookUpUser(operator, heavy.email), ForbiddenError);
        await assert.rejects(dal.detail.getUserDetail(operator, heavy.id), ForbiddenError);
        await assert.rejects(dal.accounts.listAccounts(operator, { provider: "github", pageSize: 25 }), ForbiddenError);
        await assert.rejects(dal.sessions.listSessions(operator, { pageSize: 25, includeExpired: false }), ForbiddenError);
        await assert.rejects(dal.tokens.listVerificationTokens(operator, { pageSize: 25 }), ForbiddenError);
        await assert.rejects(dal.quick.quickFind(operator, heavy.email), ForbiddenError);
      }
    });
  });
}
