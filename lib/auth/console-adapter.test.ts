import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { keysFor } from "@/lib/dynamo/keys";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { consoleMark, consoleSessions, TOUCH_INTERVAL_MS } from "./console-adapter";

/**
 * The console's session adapter on DynamoDB Local, on a table shared with a product (the
 * product writes its sessions through the plain adapter), with default and custom key names.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
const updates: string[] = [];

before(async () => {
  dynamo = await testDynamo();
  dynamo.raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "UpdateItemCommand") updates.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "countUpdates" },
  );
});
after(async () => dynamo.stop());

const SECRET = "s".repeat(40);
const IDLE_SECONDS = 30 * 60;

for (const names of ["default", "custom"] as const) {
  describe(`console sessions (${names} key names)`, () => {
    const schema = testSchema(`console-sessions-${names}`, names);
    const keys = keysFor(schema);
    let product: Adapter;
    let clock = Date.UTC(2026, 0, 1, 9);
    let incoming: string | undefined;
    let sessions: ReturnType<typeof consoleSessions>;

    before(async () => {
      await ensureTable(dynamo.raw, schema, { ttl: false });
      product = DynamoDBAdapter(dynamo.doc, schema);
      sessions = consoleSessions(DynamoDBAdapter(dynamo.doc, schema), {
        doc: dynamo.doc,
        schema,
        secret: SECRET,
        idleSeconds: IDLE_SECONDS,
        client: async () => ({ ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" }),
        incomingToken: async () => incoming,
        now: () => clock,
      });
    });

    async function user() {
      return product.createUser!({ id: "", email: `${randomUUID().slice(0, 8)}@ops.test`, emailVerified: new Date() });
    }
    async function item(userId: string, token: string) {
      return (await dynamo.doc.get({ TableName: schema.tableName, Key: keys.session(userId, token), ConsistentRead: true })).Item;
    }
    const expires = () => new Date(clock + 8 * 3600_000);

    test("marks the sessions it creates: an HMAC of the token, sign-in and last-use times, client address and browser", async () => {
      const { id } = await user();
      const token = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: token, userId: id, expires: expires() });
      const stored = await item(id, token);
      assert.equal(stored?.gatehouseConsole, consoleMark(SECRET, token));
      assert.equal(stored?.signedInAt, clock);
      assert.equal(stored?.lastUsedAt, clock);
      assert.equal(stored?.clientIp, "203.0.113.7");
      assert.match(String(stored?.userAgent), /Chrome\/156/);
      assert.equal((await sessions.adapter.getSessionAndUser!(token))?.user.id, id);
    });

    test("refuses a product session (no mark) and leaves it alone", async () => {
      const { id } = await user();
      const token = randomUUID();
      await product.createSession!({ sessionToken: token, userId: id, expires: expires() });
      assert.equal(await sessions.adapter.getSessionAndUser!(token), null);
      assert.ok(await item(id, token), "the product's session is not deleted");
    });

    test("refuses a mark that is not the HMAC of this token under this secret", async () => {
      const { id } = await user();
      const token = randomUUID();
      const forged = [true, "true", consoleMark(SECRET, randomUUID()), consoleMark("x".repeat(40), token)];
      for (const gatehouseConsole of forged) {
        await product.createSession!({ sessionToken: token, userId: id, expires: expires(), gatehouseConsole, signedInAt: clock, lastUsedAt: clock } as never);
        assert.equal(await sessions.adapter.getSessionAndUser!(token), null, `mark ${String(gatehouseConsole).slice(0, 12)}`);
      }
    });

    test("ends a session idle for longer than the idle timeout, and deletes it", async () => {
      const { id } = await user();
      const token = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: token, userId: id, expires: expires() });
      clock += IDLE_SECONDS * 1000 - 1;
      assert.ok(await sessions.adapter.getSessionAndUser!(token), "just inside the timeout");
      clock += IDLE_SECONDS * 1000 + 1;
      assert.equal(await sessions.adapter.getSessionAndUser!(token), null);
      assert.equal(await item(id, token), undefined);
    });

    test("writes lastUsedAt at most once a minute, one UpdateItem, never bringing back a revoked session", async () => {
      const { id } = await user();
      const token = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: token, userId: id, expires: expires() });
      const created = clock;
      updates.length = 0;
      for (let i = 0; i < 5; i++) {
        clock += (TOUCH_INTERVAL_MS - 1) / 5;
        assert.ok(await sessions.adapter.getSessionAndUser!(token));
      }
      assert.equal(updates.length, 0, "no write within the minute");
      assert.equal((await item(id, token))?.lastUsedAt, created);
      clock = created + TOUCH_INTERVAL_MS;
      const seen = await sessions.adapter.getSessionAndUser!(token);
      assert.equal(updates.length, 1);
      assert.equal((seen!.session as { lastUsedAt?: number }).lastUsedAt, clock);
      assert.equal((await item(id, token))?.lastUsedAt, clock);

      await dynamo.doc.delete({ TableName: schema.tableName, Key: keys.session(id, token) });
      clock += TOUCH_INTERVAL_MS;
      assert.equal(await sessions.adapter.getSessionAndUser!(token), null);
      assert.equal(await item(id, token), undefined);
    });

    test("signing in again replaces the browser's own session; another user's session is not touched", async () => {
      const { id } = await user();
      const other = await user();
      const first = randomUUID();
      const theirs = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: first, userId: id, expires: expires() });
      await sessions.adapter.createSession!({ sessionToken: theirs, userId: other.id, expires: expires() });
      incoming = first;
      const second = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: second, userId: id, expires: expires() });
      assert.equal(await item(id, first), undefined);
      assert.ok(await item(id, second));
      incoming = theirs;
      await sessions.adapter.createSession!({ sessionToken: randomUUID(), userId: id, expires: expires() });
      assert.ok(await item(other.id, theirs));
      incoming = undefined;
    });

    test("renewSignIn restarts the step-up clock of the browser's console session only", async () => {
      const { id } = await user();
      const token = randomUUID();
      await sessions.adapter.createSession!({ sessionToken: token, userId: id, expires: expires() });
      const productToken = randomUUID();
      await product.createSession!({ sessionToken: productToken, userId: id, expires: expires() });
      clock += 20 * 60_000;
      incoming = token;
      await sessions.renewSignIn(id);
      assert.equal((await item(id, token))?.signedInAt, clock);
      incoming = productToken;
      await sessions.renewSignIn(id);
      assert.equal((await item(id, productToken))?.signedInAt, undefined, "a product session gets no mark or time");
      incoming = randomUUID();
      await sessions.renewSignIn(id);
      assert.equal(await item(id, incoming), undefined, "nothing is created for an unknown token");
      incoming = undefined;
    });
  });
}
