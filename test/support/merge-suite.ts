import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import { fingerprint } from "@/lib/secrets";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

/**
 * Merge users (issue 12) against DynamoDB Local, with users written by the real adapter, and the
 * adapter's own lookups confirming where every account and session resolves afterwards. Run
 * once per key schema by lib/features/merge/server*.test.ts.
 */
export function mergeSuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`merge-${names}`, names);
  const gatehouse: TableSchema = testSchema(`merge-${names}-gatehouse`);
  const admin = testOperator("ana@ops.test", "admin");
  const staleAdmin = testOperator("ana@ops.test", "admin", 60);
  const viewer = testOperator("vic@view.test", "viewer");
  const day = 86_400_000;
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let dal: {
    merge: typeof import("@/lib/features/merge/server");
    preview: typeof import("@/lib/features/merge/dry-run");
    undo: typeof import("@/lib/features/undo/server");
    revoke: typeof import("@/lib/features/revoke/server");
    audit: typeof import("@/lib/features/audit/server");
    authorize: typeof import("@/lib/auth/authorize");
    stepUp: typeof import("@/lib/auth/step-up");
    act: typeof import("@/lib/audit/act");
  };

  const { partitionKey: pk, sortKey: sk } = product;
  const userKey = (id: string) => ({ [pk]: `USER#${id}`, [sk]: `USER#${id}` });
  const rawUser = async (id: string) => (await dynamo.doc.get({ TableName: product.tableName, Key: userKey(id), ConsistentRead: true })).Item;
  async function partition(userId: string) {
    const result = await dynamo.doc.query({
      TableName: product.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": pk },
      ExpressionAttributeValues: { ":pk": `USER#${userId}` },
      ConsistentRead: true,
    });
    return result.Items ?? [];
  }

  interface Seeded {
    id: string;
    email: string;
    accounts: { provider: string; providerAccountId: string }[];
    tokens: string[];
  }

  async function makeUser(email: string, options: { accounts?: string[]; sessions?: number; sessionDays?: number } = {}): Promise<Seeded> {
    const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: email.split("@")[0]! });
    const accounts = [];
    for (const provider of options.accounts ?? []) {
      const providerAccountId = `${provider}-${randomUUID().slice(0, 8)}`;
      await adapter.linkAccount!({
        userId: user.id,
        type: "oauth",
        provider,
        providerAccountId,
        access_token: `at-${randomUUID()}`,
        refresh_token: `rt-${randomUUID()}`,
        token_type: "bearer",
      });
      accounts.push({ provider, providerAccountId });
    }
    const tokens = Array.from({ length: options.sessions ?? 0 }, () => randomUUID());
    await Promise.all(
      tokens.map((sessionToken) =>
        adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + (options.sessionDays ?? 20) * day) }),
      ),
    );
    return { id: user.id, email, accounts, tokens };
  }

  const sharedEmail = () => `dup-${randomUUID().slice(0, 8)}@example.com`;

  async function lastAudit(action: string) {
    const page = await dal.audit.listAudit(admin, { action: action as never }, { pageSize: 5 });
    return page.entries[0];
  }

  async function assertResolvesTo(userId: string, users: Seeded[]) {
    for (const user of users) {
      for (const account of user.accounts)
        assert.equal((await adapter.getUserByAccount!(account))?.id, userId, `${account.provider}:${account.providerAccountId}`);
      for (const token of user.tokens) {
        const found = await adapter.getSessionAndUser!(token);
        assert.equal(found?.user.id, userId, `session …${fingerprint(token)}`);
        assert.equal(found?.session.userId, userId);
      }
    }
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, product, { gatehouse });
    adapter = DynamoDBAdapter(dynamo.doc, product);
    dal = {
      merge: await import("@/lib/features/merge/server"),
      preview: await import("@/lib/features/merge/dry-run"),
      undo: await import("@/lib/features/undo/server"),
      revoke: await import("@/lib/features/revoke/server"),
      audit: await import("@/lib/features/audit/server"),
      authorize: await import("@/lib/auth/authorize"),
      stepUp: await import("@/lib/auth/step-up"),
      act: await import("@/lib/audit/act"),
    };
  });
  after(() => dynamo?.stop());

  describe(`Merge users (${names} key names)`, () => {
    test("preview, then the merge: every account and session resolves to the kept user, the other user is gone, audited, and Undo brings back only the user item", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { accounts: ["github"], sessions: 1 });
      const other = await makeUser(email, { accounts: ["google", "github"], sessions: 3 });

      const candidates = await dal.preview.mergeCandidates(admin, [keep.id, other.id]);
      assert.deepEqual(
        candidates.map((c) => [c.id, c.accounts.length, c.sessions.length]),
        [
          [keep.id, 1, 1],
          [other.id, 2, 3],
        ],
      );
      const preview = await dal.preview.previewMerge(admin, { keepUserId: keep.id, otherUserId: other.id });
      assert.deepEqual(new Set(preview.other.accounts.map((a) => a.providerAccountId)), new Set(other.accounts.map((a) => a.providerAccountId)));
      assert.deepEqual(new Set(preview.movedSessions), new Set(other.tokens.map(fingerprint)));
      assert.deepEqual(preview.droppedSessions, []);
      assert.deepEqual(preview.warnings, []);
      for (const token of [...keep.tokens, ...other.tokens]) assert.ok(!JSON.stringify(preview).includes(token), "no session token in the preview");
      assert.ok(!JSON.stringify(candidates).includes("at-"), "no access token in the candidates");

      const accountBefore = (await partition(other.id)).find((item) => String(item[sk]).startsWith("ACCOUNT#google#"))!;
      const outcome = await dal.merge.mergeUsers(admin, { keepUserId: keep.id, otherUserId: other.id, reason: "ticket SUP-7: duplicate sign-up" });
      assert.equal(outcome.result, "ok");
      assert.equal(outcome.message, `Merged ${email} into ${email}: moved 2 accounts and 3 sessions, and deleted ${email}'s user item.`);
      assert.deepEqual(outcome.counts, { accounts: 2, sessions: 3, droppedSessions: 0, removedMeanwhile: 0, duplicateAccounts: 0, otherItemsLeft: 0 });

      await assertResolvesTo(keep.id, [keep, other]);
      assert.equal(await adapter.getUser!(other.id), null);
      assert.equal((await adapter.getUserByEmail!(email))?.id, keep.id);
      assert.deepEqual(await partition(other.id), []);
      const moved = (await partition(keep.id)).find((item) => String(item[sk]).startsWith("ACCOUNT#google#"))!;
      assert.deepEqual(moved, { ...accountBefore, [pk]: `USER#${keep.id}`, userId: keep.id }, "the whole item moves: tokens and GSI1 keys as they were");

      const entry = await lastAudit("merge-users");
      assert.equal(entry?.result, "ok");
      assert.equal(entry?.reason, "ticket SUP-7: duplicate sign-up");
      assert.deepEqual(entry?.target, { userId: keep.id, email, mergedUserId: other.id, mergedEmail: email });
      assert.ok(entry?.undoUntil);

      // Run again: nothing left to do.
      const again = await dal.merge.mergeUsers(admin, { keepUserId: keep.id, otherUserId: other.id, reason: "ticket SUP-7: again" });
      assert.match(again.message, /was already merged or deleted: nothing to move/);

      const undone = await dal.undo.undoAction(admin, entry!.id);
      assert.equal(
        undone.message,
        `Restored the user item of ${email}. Their accounts and sessions stay with ${email}: the merge moved them, and undo does not move them back.`,
      );
      assert.equal((await adapter.getUser!(other.id))?.email, email);
      await assertResolvesTo(keep.id, [keep, other]);
      await assert.rejects(dal.undo.undoAction(admin, entry!.id), /already been undone/);
    });

    test("Undo is refused when a user with that id exists again", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { sessions: 1 });
      const other = await makeUser(email, { accounts: ["gitlab"] });
      const item = await rawUser(other.id);
      await dal.merge.mergeUsers(admin, { keepUserId: keep.id, otherUserId: other.id, reason: "duplicate" });
      const entry = await lastAudit("merge-users");
      await dynamo.doc.put({ TableName: product.tableName, Item: { ...item!, name: "back again" } });
      await assert.rejects(dal.undo.undoAction(admin, entry!.id), new RegExp(`A user with the id ${other.id} exists again`));
      assert.equal((await rawUser(other.id))?.name, "back again");
    });

    test("viewers and a stale step-up are refused in the data layer, and nothing moves", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { accounts: ["github"] });
      const other = await makeUser(email, { accounts: ["google"], sessions: 2 });
      const request = { keepUserId: keep.id, otherUserId: other.id, reason: "not allowed" };
      await assert.rejects(dal.merge.mergeUsers(viewer, request), dal.authorize.ForbiddenError);
      await assert.rejects(dal.preview.previewMerge(viewer, request), dal.authorize.ForbiddenError);
      await assert.rejects(dal.merge.mergeUsers(staleAdmin, request), dal.stepUp.StepUpRequiredError);
      await assert.rejects(dal.merge.mergeUsers(null, request), dal.authorize.ForbiddenError);
      await assertResolvesTo(other.id, [other]);
      await assertResolvesTo(keep.id, [keep]);
      assert.equal((await partition(other.id)).length, 4);
      await assert.rejects(dal.merge.mergeUsers(admin, { ...request, otherUserId: keep.id }), dal.act.RefusedError);
      await assert.rejects(dal.merge.mergeUsers(admin, { ...request, keepUserId: randomUUID() }), /No user .* to keep/);
    });

    test("two merges of one user at once: the second is refused while the first holds the lease, and nothing is lost", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email);
      const other = await makeUser(email, { accounts: ["google", "github"], sessions: 12 });
      const request = { keepUserId: keep.id, otherUserId: other.id, reason: "double click" };
      const results = await Promise.allSettled([
        dal.merge.mergeUsers(admin, request),
        dal.merge.mergeUsers(admin, request),
        dal.merge.mergeUsers(admin, { ...request, keepUserId: other.id, otherUserId: keep.id }),
      ]);
      assert.equal(
        results.filter((r) => r.status === "fulfilled").length,
        1,
        JSON.stringify(results.map((r) => (r.status === "rejected" ? String(r.reason) : r.value.message))),
      );
      for (const result of results) if (result.status === "rejected") assert.match(String(result.reason), /Another merge of user .* is running/);
      const winner = results.findIndex((r) => r.status === "fulfilled");
      const keptId = winner === 2 ? other.id : keep.id;
      await assertResolvesTo(keptId, [keep, other]);
      // Finished, the leases are given back: the same merge runs again at once.
      assert.match(
        (await dal.merge.mergeUsers(admin, winner === 2 ? { ...request, keepUserId: other.id, otherUserId: keep.id } : request)).message,
        /already merged/,
      );
    });

    test("a user page names the other user by email (duplicates share the GSI1 key) or by id", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email);
      const other = await makeUser(email, { accounts: ["google"] });
      assert.equal((await dal.preview.resolveMergeUser(admin, { userId: keep.id, other: email.toUpperCase() })).id, other.id);
      assert.equal((await dal.preview.resolveMergeUser(admin, { userId: other.id, other: keep.id })).id, keep.id);
      await assert.rejects(dal.preview.resolveMergeUser(admin, { userId: keep.id, other: keep.id }), /That is this user/);
      await assert.rejects(dal.preview.resolveMergeUser(admin, { userId: keep.id, other: "nobody@example.com" }), /No other user with the email/);
      await makeUser(email);
      await assert.rejects(dal.preview.resolveMergeUser(admin, { userId: keep.id, other: email }), /2 other users have the email/);
    });

    test("an interrupted merge (some copies written, some old items deleted) is finished by running it again", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { accounts: ["github"] });
      const other = await makeUser(email, { accounts: ["google", "gitlab"], sessions: 4 });
      const items = (await partition(other.id)).filter((item) => !String(item[sk]).startsWith("USER#"));
      const copy = (item: Record<string, unknown>) => ({ ...item, [pk]: `USER#${keep.id}`, userId: keep.id });
      // Half done: one account and one session copied only, one session copied and its old item deleted.
      const [account, session1, session2] = [
        items.find((i) => String(i[sk]).startsWith("ACCOUNT#google#"))!,
        ...items.filter((i) => String(i[sk]).startsWith("SESSION#")),
      ];
      for (const item of [account, session1!, session2!]) await dynamo.doc.put({ TableName: product.tableName, Item: copy(item) });
      await dynamo.doc.delete({ TableName: product.tableName, Key: { [pk]: session2![pk], [sk]: session2![sk] } });
      // The adapter extended session1 after it was copied: the copy is brought up to date.
      await dynamo.doc.update({
        TableName: product.tableName,
        Key: { [pk]: session1![pk], [sk]: session1![sk] },
        UpdateExpression: "SET expires = :e",
        ExpressionAttributeValues: { ":e": Math.floor(Date.now() / 1000) + 29 * 86400 },
      });

      const outcome = await dal.merge.mergeUsers(admin, { keepUserId: keep.id, otherUserId: other.id, reason: "resume" });
      assert.equal(outcome.result, "ok");
      assert.equal(outcome.counts?.accounts, 2);
      assert.equal(outcome.counts?.sessions, 3);
      await assertResolvesTo(keep.id, [keep, other]);
      assert.deepEqual(await partition(other.id), []);
      const updated = (await partition(keep.id)).find((item) => item[sk] === session1![sk]);
      assert.ok(Number(updated?.expires) > Date.now() / 1000 + 28 * 86400);
    });

    test("the other user's revocation and block are respected; both holding one account keeps the kept user's", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { accounts: ["github"] });
      const other = await makeUser(email, { sessions: 2, sessionDays: 10 });
      // gatehouseRevokedAt an hour ago: sessions last extended 20 days ago (expires in 10 of 30 days) began before it.
      await dynamo.doc.update({
        TableName: product.tableName,
        Key: userKey(other.id),
        UpdateExpression: "SET gatehouseRevokedAt = :at",
        ExpressionAttributeValues: { ":at": new Date(Date.now() - 3600_000).toISOString() },
      });
      const newToken = randomUUID();
      await adapter.createSession!({ sessionToken: newToken, userId: other.id, expires: new Date(Date.now() + 30 * day - 60_000) });
      // The same github account under both users (the adapter's linkAccount does not check).
      await adapter.linkAccount!({
        userId: other.id,
        type: "oauth",
        provider: "github",
        providerAccountId: keep.accounts[0]!.providerAccountId,
        access_token: "at-other",
      });

      const preview = await dal.preview.previewMerge(admin, { keepUserId: keep.id, otherUserId: other.id });
      assert.deepEqual(new Set(preview.droppedSessions), new Set(other.tokens.map(fingerprint)));
      assert.deepEqual(preview.movedSessions, [fingerprint(newToken)]);
      assert.equal(preview.warnings.length, 2);
      assert.match(preview.warnings.join("\n"), /2 sessions of .* began before their revocation/);
      assert.match(preview.warnings.join("\n"), /Both users hold the github account/);

      const keptBefore = await rawUser(keep.id);
      const outcome = await dal.merge.mergeUsers(admin, { keepUserId: keep.id, otherUserId: other.id, reason: "duplicate" });
      assert.deepEqual(outcome.counts, { accounts: 0, sessions: 1, droppedSessions: 2, removedMeanwhile: 0, duplicateAccounts: 1, otherItemsLeft: 0 });
      for (const token of other.tokens) assert.equal(await adapter.getSessionAndUser!(token), null, "a revoked session stays revoked");
      assert.equal((await adapter.getSessionAndUser!(newToken))?.user.id, keep.id);
      assert.equal((await adapter.getUserByAccount!(keep.accounts[0]!))?.id, keep.id);
      const github = (await partition(keep.id)).find((item) => String(item[sk]).startsWith("ACCOUNT#github#"));
      assert.notEqual(github?.access_token, "at-other", "the kept user's own link stays");
      assert.deepEqual(await rawUser(keep.id), keptBefore, "the kept user item is not touched (no gatehouseRevokedAt carried over)");

      // A blocked other user: the preview says so, and none of their sessions move.
      const email2 = sharedEmail();
      const keep2 = await makeUser(email2);
      const blocked = await makeUser(email2, { accounts: ["google"], sessions: 2, sessionDays: 29 });
      await dynamo.doc.update({
        TableName: product.tableName,
        Key: userKey(blocked.id),
        UpdateExpression: "SET gatehouseBlock = :b",
        ExpressionAttributeValues: { ":b": { since: new Date().toISOString(), reason: "fraud", by: "ana@ops.test" } },
      });
      const blockedPreview = await dal.preview.previewMerge(admin, { keepUserId: keep2.id, otherUserId: blocked.id });
      assert.match(blockedPreview.warnings[0]!, /is blocked: their sessions are deleted, not moved, and the block is not carried over/);
      const merged = await dal.merge.mergeUsers(admin, { keepUserId: keep2.id, otherUserId: blocked.id, reason: "duplicate" });
      assert.equal(merged.counts?.droppedSessions, 2);
      for (const token of blocked.tokens) assert.equal(await adapter.getSessionAndUser!(token), null);
      assert.equal((await adapter.getUserByAccount!(blocked.accounts[0]!))?.id, keep2.id);
    });

    test("a revoke-all of the other user while the merge runs wins: none of their sessions survives under the kept user", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email, { sessions: 1 });
      const other = await makeUser(email, { accounts: ["google"], sessions: 40 });
      let revoking: Promise<unknown> | undefined;
      const merged = dal.merge.mergeUsers(admin, {
        keepUserId: keep.id,
        otherUserId: other.id,
        reason: "duplicate",
        concurrency: 2,
        onProgress: (counts) => {
          if (counts.sessions >= 5 && !revoking) revoking = dal.revoke.revokeUserSessions(admin, { userId: other.id, reason: "compromised" });
        },
      });
      const outcome = await merged;
      await revoking;
      assert.ok(revoking, "the revoke ran during the merge");
      for (const token of other.tokens) assert.equal(await adapter.getSessionAndUser!(token), null, `session …${fingerprint(token)} was revoked`);
      assert.equal(outcome.counts?.sessions, 0);
      await assertResolvesTo(keep.id, [{ ...other, tokens: [] }, keep]);
      assert.equal(await adapter.getUser!(other.id), null);
    });

    test("revokes of single sessions while the merge runs win: no session reported revoked survives under the kept user", async () => {
      const email = sharedEmail();
      const keep = await makeUser(email);
      const other = await makeUser(email, { sessions: 30 });
      let revokes: Promise<{ token: string; revoked: number }[]> | undefined;
      await dal.merge.mergeUsers(admin, {
        keepUserId: keep.id,
        otherUserId: other.id,
        reason: "duplicate",
        concurrency: 2,
        onProgress: (counts) => {
          if (counts.sessions >= 3 && !revokes) {
            revokes = Promise.all(
              other.tokens.map(async (token) => {
                const outcome = await dal.revoke.revokeSession(admin, { userId: other.id, fingerprint: fingerprint(token) });
                return { token, revoked: outcome.counts?.revoked ?? 0 };
              }),
            );
          }
        },
      });
      const results = await revokes!;
      const revoked = results.filter((r) => r.revoked === 1);
      assert.ok(revoked.length > 0, "some revokes reached their session");
      for (const { token } of revoked) assert.equal(await adapter.getSessionAndUser!(token), null, `session …${fingerprint(token)} was reported revoked`);
      for (const { token } of results.filter((r) => r.revoked === 0))
        assert.equal((await adapter.getSessionAndUser!(token))?.user.id, keep.id, "moved before the revoke looked");
      assert.deepEqual(await partition(other.id), []);
    });
  });
}
