import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

/**
 * Block user, Unblock, Revoke all sessions' gatehouseRevokedAt, the block on the lists and the
 * guard's heartbeat, against DynamoDB Local with users written by the real adapter, and the
 * adapter's own methods confirming it still reads every user the console touched. Run once per
 * key schema by the *.test.ts files beside this one (the DAL reads its config once per process).
 */
export function blockSuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`block-${names}`, names);
  const gatehouse: TableSchema = testSchema(`block-${names}-gatehouse`);
  const admin = testOperator("ana@ops.test", "admin");
  const staleAdmin = testOperator("ana@ops.test", "admin", 60);
  const viewer = testOperator("vic@view.test", "viewer");
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let dal: {
    block: typeof import("@/lib/features/block/server");
    revoke: typeof import("@/lib/features/revoke/server");
    users: typeof import("@/lib/features/users/server");
    sessions: typeof import("@/lib/features/sessions/server");
    accounts: typeof import("@/lib/features/accounts/server");
    detail: typeof import("@/lib/features/users/detail");
    guard: typeof import("@/lib/features/guard/heartbeats");
    doctor: typeof import("@/lib/features/doctor/server");
    counts: typeof import("@/lib/features/overview/entity-counts");
    audit: typeof import("@/lib/features/audit/server");
    act: typeof import("@/lib/audit/act");
    authorize: typeof import("@/lib/auth/authorize");
    stepUp: typeof import("@/lib/auth/step-up");
  };

  const userKey = (id: string) => ({ [product.partitionKey]: `USER#${id}`, [product.sortKey]: `USER#${id}` });
  const rawUser = async (id: string) => (await dynamo.doc.get({ TableName: product.tableName, Key: userKey(id), ConsistentRead: true })).Item;
  const day = 86_400_000;

  async function userWithSessions(label: string, sessions: number, account?: string) {
    const email = `${label}-${randomUUID().slice(0, 6)}@example.com`;
    const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: label });
    if (account)
      await adapter.linkAccount!({
        userId: user.id,
        type: "oauth",
        provider: "github",
        providerAccountId: account,
        access_token: "gho_secret",
        token_type: "bearer",
      });
    const tokens: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const sessionToken = randomUUID();
      tokens.push(sessionToken);
      await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + (10 + i) * day) });
    }
    return { id: user.id, email, tokens };
  }

  async function lastAudit(action: string) {
    const page = await dal.audit.listAudit(admin, { action: action as never }, { pageSize: 5 });
    return page.entries[0];
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, product, { gatehouse });
    adapter = DynamoDBAdapter(dynamo.doc, product);
    dal = {
      block: await import("@/lib/features/block/server"),
      revoke: await import("@/lib/features/revoke/server"),
      users: await import("@/lib/features/users/server"),
      sessions: await import("@/lib/features/sessions/server"),
      accounts: await import("@/lib/features/accounts/server"),
      detail: await import("@/lib/features/users/detail"),
      guard: await import("@/lib/features/guard/heartbeats"),
      doctor: await import("@/lib/features/doctor/server"),
      counts: await import("@/lib/features/overview/entity-counts"),
      audit: await import("@/lib/features/audit/server"),
      act: await import("@/lib/audit/act"),
      authorize: await import("@/lib/auth/authorize"),
      stepUp: await import("@/lib/auth/step-up"),
    };
  });
  after(() => dynamo?.stop());

  describe(`Block user and Unblock (${names} key names)`, () => {
    test("Block sets gatehouseBlock and gatehouseRevokedAt, deletes every session, and the adapter still reads the user", async () => {
      const user = await userWithSessions("blocked", 3, `gh-${randomUUID()}`);
      const before = Date.now();
      const outcome = await dal.block.blockUser(admin, { userId: user.id, reason: "ticket SUP-1: stolen laptop", duration: "7d" });
      assert.equal(outcome.result, "ok");
      assert.match(outcome.message, new RegExp(`^Blocked ${user.email} until .* Revoked 3 sessions`));

      const item = await rawUser(user.id);
      const block = item?.gatehouseBlock as Record<string, string>;
      assert.equal(block.reason, "ticket SUP-1: stolen laptop");
      assert.equal(block.by, admin.email);
      assert.ok(Date.parse(block.since) >= before - 1000);
      assert.ok(Math.abs(Date.parse(block.until) - (Date.parse(block.since) + 7 * day)) < 1000);
      assert.equal(item?.gatehouseRevokedAt, block.since);

      for (const token of user.tokens) assert.equal(await adapter.getSessionAndUser!(token), null, "session deleted");
      const byId = (await adapter.getUser!(user.id)) as Record<string, unknown> | null;
      assert.equal(byId?.email, user.email);
      assert.deepEqual(byId?.gatehouseBlock, block, "the adapter hands the block over as stored");
      assert.equal((await adapter.getUserByEmail!(user.email))?.id, user.id);
      const account = (await dal.detail.getUserDetail(admin, user.id))!.accounts[0]!;
      assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: account.providerAccountId }))?.id, user.id);
      // A new session of the blocked user (made before the product adds the guard) still reads back.
      const token = randomUUID();
      await adapter.createSession!({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + day) });
      assert.equal((await adapter.getSessionAndUser!(token))?.user.id, user.id);

      const entry = await lastAudit("block-user");
      assert.equal(entry?.result, "ok");
      assert.equal(entry?.reason, "ticket SUP-1: stolen laptop");
      assert.equal(entry?.target.email, user.email);
    });

    test("blocking an already-blocked user updates the block and says so; permanent has no until", async () => {
      const user = await userWithSessions("reblocked", 1);
      await dal.block.blockUser(admin, { userId: user.id, reason: "first time", duration: "1h" });
      const first = (await rawUser(user.id))?.gatehouseBlock as Record<string, string>;
      const again = await dal.block.blockUser(admin, { userId: user.id, reason: "escalated", duration: "permanent" });
      assert.match(again.message, /was already blocked \(until .*\); the block now runs permanently\. No sessions to revoke/);
      assert.equal(again.counts?.updated, 1);
      const block = (await rawUser(user.id))?.gatehouseBlock as Record<string, string>;
      assert.equal(block.reason, "escalated");
      assert.equal("until" in block, false);
      assert.ok(block.since >= first.since);
    });

    test("Unblock removes the block, keeps gatehouseRevokedAt, needs a recent sign-in; Block does not", async () => {
      const user = await userWithSessions("unblocked", 1);
      await dal.block.blockUser(staleAdmin, { userId: user.id, reason: "incident at 3am", duration: "24h" });
      await assert.rejects(dal.block.unblockUser(staleAdmin, { userId: user.id }), dal.stepUp.StepUpRequiredError);
      assert.ok((await rawUser(user.id))?.gatehouseBlock, "refused Unblock changed nothing");
      const outcome = await dal.block.unblockUser(admin, { userId: user.id, reason: "laptop recovered" });
      assert.equal(outcome.message, `Unblocked ${user.email}: they can sign in again.`);
      const item = await rawUser(user.id);
      assert.equal(item?.gatehouseBlock, undefined);
      assert.ok(item?.gatehouseRevokedAt);
      const byAdapter = (await adapter.getUser!(user.id)) as unknown as Record<string, unknown>;
      assert.equal(byAdapter.gatehouseBlock, undefined);
      assert.equal(byAdapter.email, user.email);
      assert.equal((await lastAudit("unblock-user"))?.result, "ok");
      assert.match((await dal.block.unblockUser(admin, { userId: user.id })).message, /was not blocked/);
    });

    test("a missing user is refused and no user item is created", async () => {
      const id = randomUUID();
      await assert.rejects(dal.block.blockUser(admin, { userId: id, reason: "nobody", duration: "1h" }), dal.act.RefusedError);
      await assert.rejects(dal.block.unblockUser(admin, { userId: id }), dal.act.RefusedError);
      assert.equal(await rawUser(id), undefined);
      assert.equal((await lastAudit("block-user"))?.result, "refused");
    });

    test("viewers are refused and nothing is written", async () => {
      const user = await userWithSessions("viewed", 1);
      await assert.rejects(dal.block.blockUser(viewer, { userId: user.id, reason: "not mine to do", duration: "1h" }), dal.authorize.ForbiddenError);
      await assert.rejects(dal.block.unblockUser(viewer, { userId: user.id }), dal.authorize.ForbiddenError);
      assert.equal((await rawUser(user.id))?.gatehouseBlock, undefined);
      assert.equal((await adapter.getSessionAndUser!(user.tokens[0]!))?.user.id, user.id, "never-blocked users' sessions still work");
    });

    test("Revoke all sessions also sets gatehouseRevokedAt, so JWT sessions end too", async () => {
      const user = await userWithSessions("revoked", 2);
      const before = new Date(Date.now() - 1000).toISOString();
      const outcome = await dal.revoke.revokeUserSessions(admin, { userId: user.id, reason: "suspicious sign-ins" });
      assert.match(outcome.message, /Revoked 2 sessions/);
      const item = await rawUser(user.id);
      assert.ok(typeof item?.gatehouseRevokedAt === "string" && item.gatehouseRevokedAt > before, `${item?.gatehouseRevokedAt}`);
      assert.equal(item?.gatehouseBlock, undefined);
      assert.equal((await adapter.getUser!(user.id))?.email, user.email);
      // Orphaned sessions (no user item) are still revoked, and no user item appears.
      const orphan = randomUUID();
      await dynamo.doc.put({
        TableName: product.tableName,
        Item: {
          [product.partitionKey]: `USER#${orphan}`,
          [product.sortKey]: `SESSION#${randomUUID()}`,
          type: "SESSION",
          userId: orphan,
          expires: Date.now() / 1000 + 3600,
        },
      });
      assert.match((await dal.revoke.revokeUserSessions(admin, { userId: orphan, reason: "orphan" })).message, /Revoked 1 session/);
      assert.equal(await rawUser(orphan), undefined);
    });
  });

  describe(`the block and the guard's data on the pages (${names} key names)`, () => {
    test("users, the user page, sessions and accounts carry the block; /users?blocked=1 lists only blocked users", async () => {
      const account = `gh-${randomUUID()}`;
      const user = await userWithSessions("listed", 0, account);
      await dal.block.blockUser(admin, { userId: user.id, reason: "fraud", duration: "30d" });
      const token = randomUUID();
      await adapter.createSession!({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 30 * day - 3 * day) });
      await dynamo.doc.update({
        TableName: product.tableName,
        Key: userKey(user.id),
        UpdateExpression: "SET lastSignInAt = :at, lastSignInProvider = :p ADD signInCount :one",
        ExpressionAttributeValues: { ":at": "2026-11-30T10:00:00.000Z", ":p": "github", ":one": 4 },
      });

      const all = await dal.users.listUsers(admin, { pageSize: 100 });
      const row = all.rows.find((r) => r.id === user.id)!;
      assert.equal(row.block?.active, true);
      assert.equal(row.block?.reason, "fraud");
      assert.equal(row.lastSignInAt, "2026-11-30T10:00:00.000Z");
      assert.equal(row.lastSignInProvider, "github");
      assert.equal(row.signInCount, 4);
      assert.ok(
        all.rows.some((r) => r.block === null),
        "unblocked users have none",
      );

      const blocked = await dal.users.listUsers(admin, { pageSize: 100, blocked: true });
      assert.ok(blocked.rows.length > 0 && blocked.rows.every((r) => r.block !== null));
      assert.ok(blocked.rows.some((r) => r.id === user.id));
      assert.equal(blocked.meter[0]?.operation, "Scan");

      const detail = (await dal.detail.getUserDetail(admin, user.id))!;
      assert.equal(detail.user.block?.by, admin.email);
      const lastActive = detail.sessions[0]!.lastActive!;
      assert.ok(Math.abs(lastActive - (Date.now() - 3 * day)) < 60_000, "expires minus 30 days");

      const sessions = await dal.sessions.listSessions(admin, { pageSize: 100, includeExpired: false });
      assert.equal(sessions.rows.find((r) => r.userId === user.id)?.user?.block?.reason, "fraud");
      const accounts = await dal.accounts.listAccounts(admin, { provider: "github", pageSize: 100 });
      assert.equal(accounts.rows.find((r) => r.userId === user.id)?.user?.block?.active, true);
    });

    test("the guard's heartbeat gives the status text, and is neither an orphan nor counted as other", async () => {
      const before = await dal.counts.countEntitiesStep(admin);
      const doctorBefore = await dal.doctor.runDoctor(admin);
      assert.equal(
        (await dal.guard.getGuardStatus(admin)).text,
        "No guard seen: blocking revokes sessions, but the user can sign in again until the product adds the guard",
      );

      const heartbeat = (appName: string, seenAt: Date, sessionStrategy: string) => ({
        [product.partitionKey]: "GATEHOUSE#GUARD",
        [product.sortKey]: appName,
        type: "GATEHOUSE_GUARD",
        appName,
        guardVersion: "1.0.0",
        sessionStrategy,
        seenAt: seenAt.toISOString(),
      });
      await dynamo.doc.put({ TableName: product.tableName, Item: heartbeat("old-app", new Date(Date.now() - 2 * 3600_000), "database") });
      assert.equal((await dal.guard.getGuardStatus(admin)).active, false, "a heartbeat older than 30 minutes is no guard");
      await dynamo.doc.put({ TableName: product.tableName, Item: heartbeat("my-app", new Date(Date.now() - 2 * 60_000), "jwt") });
      const status = await dal.guard.getGuardStatus(admin);
      assert.equal(status.text, "Guard active: my-app, seen 2 min ago, JWT sessions, v1");
      assert.deepEqual(
        status.meter.map((m) => m.operation),
        ["Query"],
      );

      const afterCounts = await dal.counts.countEntitiesStep(admin);
      assert.equal(afterCounts.counts.other, before.counts.other);
      assert.equal(afterCounts.counts.guardHeartbeats, before.counts.guardHeartbeats + 2);
      const doctorAfter = await dal.doctor.runDoctor(admin);
      assert.deepEqual(
        doctorAfter.findings.map((f) => [f.id, f.count]),
        doctorBefore.findings.map((f) => [f.id, f.count]),
        "the doctor finds nothing new",
      );
      const users = await dal.users.listUsers(admin, { pageSize: 100 });
      assert.ok(users.rows.every((r) => r.id !== "my-app"));
    });
  });
}
