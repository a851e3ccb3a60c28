import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

/**
 * History of a user (the GSI index of the audit log) and Export data, against DynamoDB Local
 * with users written by the real adapter. Run once per key schema by the *.test.ts files that
 * call it. With custom names the Gatehouse table is the product table itself, so the audit's
 * index keys go through the custom index names too.
 */
export function historySuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`history-${names}`, names);
  const gatehouse: TableSchema = names === "custom" ? product : testSchema(`history-${names}-gatehouse`);
  const admin = testOperator("ana@ops.test", "admin");
  const viewer = testOperator("vic@view.test", "viewer");
  const day = 86_400_000;
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let dal: {
    history: typeof import("@/lib/features/users/history");
    exporter: typeof import("@/lib/features/export/server");
    audit: typeof import("@/lib/features/audit/server");
    revoke: typeof import("@/lib/features/revoke/server");
    unlink: typeof import("@/lib/features/unlink/server");
    block: typeof import("@/lib/features/block/server");
    deleteUser: typeof import("@/lib/features/delete-user/server");
    detail: typeof import("@/lib/features/users/detail");
    authorize: typeof import("@/lib/auth/authorize");
  };

  /** A user with every kind of secret the adapter stores, and one a product added. */
  async function seededUser(label: string) {
    const email = `${label}-${randomUUID().slice(0, 6)}@example.com`;
    const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: label });
    const secrets: string[] = [];
    const secret = (kind: string) => {
      const value = `${kind}-${randomUUID()}`;
      secrets.push(value);
      return value;
    };
    for (const provider of ["github", "google"]) {
      await adapter.linkAccount!({
        userId: user.id,
        type: "oauth",
        provider,
        providerAccountId: `${provider}-${randomUUID().slice(0, 8)}`,
        access_token: secret("access"),
        refresh_token: secret("refresh"),
        id_token: secret("idtoken"),
        expires_at: Math.floor(Date.now() / 1000) + 3600,
        token_type: "bearer",
        scope: "read:user",
      });
    }
    const sessions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sessionToken = secret("session");
      sessions.push(sessionToken);
      await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + (5 + i) * day) });
    }
    await adapter.createVerificationToken!({ identifier: email, token: secret("vt"), expires: new Date(Date.now() + 600_000) });
    const passwordHash = secret("$argon2id$v=19$hash");
    await dynamo.doc.update({
      TableName: product.tableName,
      Key: { [product.partitionKey]: `USER#${user.id}`, [product.sortKey]: `USER#${user.id}` },
      UpdateExpression: "SET passwordHash = :hash",
      ExpressionAttributeValues: { ":hash": passwordHash },
    });
    return { id: user.id, email, sessions, secrets };
  }

  async function allHistory(operator: typeof admin, userId: string, pageSize = 3) {
    const entries = [];
    const meters = [];
    let cursor: string | undefined;
    do {
      const page = await dal.history.listUserHistory(operator, userId, { pageSize, cursor });
      entries.push(...page.entries);
      meters.push(page.meter);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { entries, meters };
  }

  async function exported(operator: typeof admin, userId: string) {
    const result = await dal.exporter.exportUser(operator, userId);
    assert.ok(result, "the user exists");
    return { ...result, text: await new Response(result.body).text() };
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, product, { gatehouse });
    adapter = DynamoDBAdapter(dynamo.doc, product);
    dal = {
      history: await import("@/lib/features/users/history"),
      exporter: await import("@/lib/features/export/server"),
      audit: await import("@/lib/features/audit/server"),
      revoke: await import("@/lib/features/revoke/server"),
      unlink: await import("@/lib/features/unlink/server"),
      block: await import("@/lib/features/block/server"),
      deleteUser: await import("@/lib/features/delete-user/server"),
      detail: await import("@/lib/features/users/detail"),
      authorize: await import("@/lib/auth/authorize"),
    };
  });
  after(() => dynamo?.stop());

  describe(`History of a user (${names} key names)`, () => {
    test("revoke, unlink, block, export, delete and a refused revoke are in the user's history, newest first, one GSI Query a page", async () => {
      const user = await seededUser("history");
      const other = await seededUser("bystander");
      const before = new Date(Date.now() - 1000).toISOString();
      const detail = (await dal.detail.getUserDetail(admin, user.id))!;
      await dal.revoke.revokeSession(admin, { userId: user.id, fingerprint: detail.sessions[0]!.fingerprint });
      await dal.revoke.revokeSelectedSessions(admin, {
        sessions: [{ userId: user.id, fingerprint: detail.sessions[1]!.fingerprint }],
        reason: "picked on /sessions",
      });
      const account = detail.accounts[0]!;
      await dal.unlink.unlinkAccount(admin, {
        userId: user.id,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        reason: "old laptop",
      });
      await dal.block.blockUser(admin, { userId: user.id, reason: "ticket SUP-7", duration: "1h" });
      await assert.rejects(dal.revoke.revokeSession(viewer, { userId: user.id, fingerprint: detail.sessions[2]!.fingerprint }), dal.authorize.ForbiddenError);
      await exported(admin, user.id);
      await dal.deleteUser.deleteUser(admin, { userId: user.id, reason: "GDPR erasure request" });
      await dal.revoke.revokeUserSessions(admin, { userId: other.id, reason: "someone else" });

      const { entries, meters } = await allHistory(viewer, user.id);
      // Newest first by entry id; a collapsed refusal's id is its hour's, so it sorts by that.
      assert.deepEqual(
        entries.map((e) => e.id),
        entries
          .map((e) => e.id)
          .sort()
          .reverse(),
      );
      assert.deepEqual(
        entries.filter((e) => e.result !== "refused").map((e) => [e.action, e.result]),
        [
          ["delete-user", "ok"],
          ["export-user", "ok"],
          ["block-user", "ok"],
          ["unlink-account", "ok"],
          ["revoke-selected", "ok"],
          ["revoke-session", "ok"],
        ],
      );
      assert.equal(entries.length, 7);
      assert.ok(entries.every((e) => e.target.userId === user.id && e.at >= before));
      const refused = entries.find((e) => e.result === "refused")!;
      assert.equal(refused.action, "revoke-session");
      assert.equal(refused.operatorEmail, viewer.email);
      assert.equal(refused.counts.attempts, 1);
      assert.equal(entries.find((e) => e.action === "block-user")!.reason, "ticket SUP-7");
      assert.deepEqual(entries.find((e) => e.action === "export-user")!.counts, { accounts: 1, sessions: 0, verificationTokens: 1, otherItems: 0, history: 6 });

      // The same entries, by the same ids, as the day-partitioned log holds them.
      for (const entry of entries) assert.deepEqual(await dal.audit.getAuditEntry(admin, entry.id), entry);
      for (const meter of meters)
        assert.deepEqual(
          meter.filter((m) => m.operation === "Query").map((m) => m.calls),
          [1],
          "one Query a page",
        );
      assert.equal(meters.length, 3, "7 entries, 3 a page: no empty last page");

      assert.deepEqual(
        (await allHistory(admin, other.id)).entries.map((e) => e.action),
        ["revoke-all-sessions"],
      );
      assert.deepEqual((await allHistory(admin, randomUUID())).entries, []);
    });

    test("entries written before indexing are not in it, and the marker says earlier entries may exist", async () => {
      const user = await seededUser("legacy");
      const at = "2026-01-05T10:00:00.000Z";
      // An entry as the audit log wrote them before: day-partitioned, no index keys.
      await dynamo.doc.put({
        TableName: gatehouse.tableName,
        Item: {
          [gatehouse.partitionKey]: "AUDIT#2026-01-05",
          [gatehouse.sortKey]: `${at}~legacy`,
          type: "AUDIT",
          at,
          action: "revoke-all-sessions",
          target: { userId: user.id },
          result: "ok",
          operatorEmail: admin.email,
          operatorRole: "admin",
          requestId: "legacy",
          ip: "-",
          userAgent: "-",
          counts: {},
        },
      });
      await dal.block.blockUser(admin, { userId: user.id, reason: "indexed", duration: "1h" });
      const page = await dal.history.listUserHistory(admin, user.id);
      assert.deepEqual(
        page.entries.map((e) => e.action),
        ["block-user"],
      );
      assert.equal(page.index?.earlierEntries, true, "this table was not created by npm run setup");
      assert.ok(page.index!.since <= page.entries[0]!.at, "indexing began before the first indexed entry");
      const marker = await dynamo.doc.get({
        TableName: gatehouse.tableName,
        Key: { [gatehouse.partitionKey]: "AUDIT#INDEX", [gatehouse.sortKey]: "AUDIT#INDEX" },
      });
      assert.equal(marker.Item?.since, page.index!.since, "written once: later writes kept it");
    });

    test("a cursor is sealed to its user, and viewers read history but cannot export", async () => {
      const user = await seededUser("sealed");
      for (let i = 0; i < 3; i++) await dal.revoke.revokeUserSessions(admin, { userId: user.id, reason: `round ${i}` });
      const first = await dal.history.listUserHistory(viewer, user.id, { pageSize: 2 });
      assert.ok(first.nextCursor);
      await assert.rejects(dal.history.listUserHistory(viewer, randomUUID(), { pageSize: 2, cursor: first.nextCursor }), /cursor|page link/i);
      await assert.rejects(dal.history.listUserHistory(null, user.id), dal.authorize.ForbiddenError);
      await assert.rejects(dal.exporter.exportUser(viewer, user.id), dal.authorize.ForbiddenError);
      const { entries } = await allHistory(admin, user.id);
      assert.deepEqual(
        entries.filter((e) => e.result === "refused").map((e) => [e.action, e.operatorEmail]),
        [["export-user", viewer.email]],
      );
    });
  });

  describe(`Export data (${names} key names)`, () => {
    test("one JSON document: the user as the raw view shows them, tokens only as present, counts as the adapter wrote them, no secret anywhere", async () => {
      const user = await seededUser("exported");
      const revoked = (await dal.detail.getUserDetail(admin, user.id))!.sessions[0]!.fingerprint;
      await dal.revoke.revokeSession(admin, { userId: user.id, fingerprint: revoked });
      const result = await exported(admin, user.id);
      assert.equal(result.filename, `user-${user.id}.json`);
      for (const secret of user.secrets) assert.equal(result.text.includes(secret), false, `${secret.split("-")[0]} leaked`);
      for (const secret of user.secrets) assert.equal(result.text.includes(secret.slice(-12)), false, "not even a part of it");

      const doc = JSON.parse(result.text);
      assert.equal(doc.schemaVersion, 1);
      assert.ok(Math.abs(Date.parse(doc.exportedAt) - Date.now()) < 60_000);
      assert.equal(doc.table, product.tableName);
      assert.equal(doc.userId, user.id);
      assert.equal(doc.user.email, user.email);
      assert.match(doc.user.passwordHash, /^‹redacted, string of \d+ characters›$/);
      assert.equal(doc.accounts.length, 2);
      for (const account of doc.accounts) {
        assert.deepEqual([account.access_token, account.refresh_token, account.id_token], [{ present: true }, { present: true }, { present: true }]);
        assert.equal(typeof account.expires_at, "number");
        assert.equal(account.scope, "read:user");
      }
      assert.equal(doc.sessions.length, 2);
      const detail = (await dal.detail.getUserDetail(admin, user.id))!;
      assert.deepEqual(doc.sessions.map((s: { fingerprint: string }) => s.fingerprint).sort(), detail.sessions.map((s) => s.fingerprint).sort());
      assert.ok(doc.sessions.every((s: { expires: string; live: boolean }) => Date.parse(s.expires) > Date.now() && s.live));
      assert.deepEqual(
        doc.verificationTokens.map((t: { identifier: string }) => t.identifier),
        [user.email],
      );
      assert.match(doc.verificationTokens[0].fingerprint, /^[0-9a-f]{10}$/);
      assert.deepEqual(doc.otherItems, []);
      assert.deepEqual(
        doc.history.map((e: { action: string; result: string }) => [e.action, e.result]),
        [
          ["export-user", "started"],
          ["revoke-session", "ok"],
        ],
      );
      assert.equal(doc.history[0].ip, undefined, "operators' addresses stay in the audit log");
      assert.deepEqual(doc.counts, { accounts: 2, sessions: 2, verificationTokens: 1, otherItems: 0, history: 2 });

      const entry = (await dal.audit.getAuditEntry(admin, result.auditId))!;
      assert.equal(entry.action, "export-user");
      assert.equal(entry.result, "ok");
      assert.equal(entry.target.email, user.email);
      assert.deepEqual(entry.counts, doc.counts);
    });

    test("pages of every section are streamed whole: many sessions and history entries, and other items redacted", async () => {
      const user = await seededUser("big");
      const filler = "x".repeat(300_000);
      for (let i = 0; i < 3; i++) await dal.revoke.revokeUserSessions(admin, { userId: user.id, reason: `sweep ${i}` });
      for (let i = 0; i < 12; i++)
        await adapter.createSession!({ sessionToken: `bulk-${i}-${randomUUID()}`, userId: user.id, expires: new Date(Date.now() + day) });
      await dynamo.doc.update({
        TableName: product.tableName,
        Key: { [product.partitionKey]: `USER#${user.id}`, [product.sortKey]: `USER#${user.id}` },
        UpdateExpression: "SET bio = :bio",
        ExpressionAttributeValues: { ":bio": filler },
      });
      // 1.2 MB of items of no known kind: the partition takes more than one Query page (1 MB each).
      for (let i = 0; i < 4; i++) {
        await dynamo.doc.put({
          TableName: product.tableName,
          Item: { [product.partitionKey]: `USER#${user.id}`, [product.sortKey]: `NOTE#${i}`, type: "NOTE", body: filler, apiKey: `key-${i}-${randomUUID()}` },
        });
      }
      const result = await exported(admin, user.id);
      const doc = JSON.parse(result.text);
      assert.equal(result.text.includes(filler), false, "unknown attributes are type and size only");
      assert.equal(doc.otherItems.length, 4);
      assert.match(doc.otherItems[0].apiKey, /^‹redacted/);
      assert.equal(doc.sessions.length, 12);
      assert.equal(doc.accounts.length, 2);
      assert.equal(doc.history.length, 4);
      assert.equal(doc.counts.otherItems, 4);
    });

    test("it is written piece by piece: the first bytes come before the history is read, and an abandoned download is recorded as failed", async () => {
      const user = await seededUser("abandoned");
      const result = (await dal.exporter.exportUser(admin, user.id))!;
      const reader = result.body.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      assert.match(first, /^\{\n {2}"schemaVersion": 1,/);
      assert.doesNotMatch(first, /"history"/);
      assert.equal((await dal.audit.getAuditEntry(admin, result.auditId))?.result, "started", "in progress while it streams");
      await reader.cancel();
      const entry = (await dal.audit.getAuditEntry(admin, result.auditId))!;
      assert.equal(entry.result, "failed");
      assert.match(entry.message ?? "", /abandoned/);
    });

    test("a user that does not exist gives nothing, and the refusal is recorded", async () => {
      const id = randomUUID();
      assert.equal(await dal.exporter.exportUser(admin, id), null);
      const { entries } = await allHistory(admin, id);
      assert.deepEqual(
        entries.map((e) => [e.action, e.result]),
        [["export-user", "refused"]],
      );
    });
  });
}
