import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { fingerprint } from "@/lib/secrets";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/**
 * The act DAL against DynamoDB Local, with data written by the real adapter, and the adapter
 * itself confirming every effect.
 */
const product = testSchema("act-product");
const gatehouse = testSchema("act-gatehouse");
// Signed in just now: Delete user, Purge expired, repairs and Undo need a recent sign-in (step-up).
const admin = testOperator("ana@ops.test", "admin");
const viewer = { email: "vic@view.test", name: null, role: "viewer" as const };
const stranger = { email: "eve@example.com", name: null, role: "admin" as const };

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let adapter: Adapter;
let dal: {
  revoke: typeof import("@/lib/features/revoke/server");
  unlink: typeof import("@/lib/features/unlink/server");
  deleteUser: typeof import("@/lib/features/delete-user/server");
  undo: typeof import("@/lib/features/undo/server");
  purge: typeof import("@/lib/features/purge/server");
  audit: typeof import("@/lib/features/audit/server");
  act: typeof import("@/lib/audit/act");
};
/** What the fault injector does to the next BatchWriteItem calls. */
const faults: ("throttle" | "half")[] = [];
const sent: string[] = [];
/** BatchWriteItem and Scan requests in flight right now, and the most seen at once. */
const overlap = { BatchWriteItem: { inFlight: 0, max: 0 }, Scan: { inFlight: 0, max: 0 } };
/** The segment of every Scan sent. */
const scans: { Segment?: number; TotalSegments?: number }[] = [];

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
  adapter = DynamoDBAdapter(dynamo.doc, product);

  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  // Fault injection: throttling errors, and BatchWriteItem answers that leave half unprocessed.
  serverDynamo().raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      sent.push(command);
      if (command !== "BatchWriteItem" && command !== "Scan") return next(args);
      const counter = overlap[command];
      counter.max = Math.max(counter.max, ++counter.inFlight);
      try {
        if (command === "Scan") {
          const { Segment, TotalSegments } = args.input as { Segment?: number; TotalSegments?: number };
          scans.push({ Segment, TotalSegments });
        }
        if (command === "Scan" || faults.length === 0) return await next(args);
        const fault = faults.shift()!;
        if (fault === "throttle") throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $fault: "client" });
        const input = args.input as { RequestItems: Record<string, unknown[]> };
        const [table, requests] = Object.entries(input.RequestItems)[0]!;
        const keep = requests.slice(0, Math.ceil(requests.length / 2));
        const held = requests.slice(keep.length);
        const output = await next({ ...args, input: { ...input, RequestItems: { [table]: keep } } });
        const body = output.output as { UnprocessedItems?: Record<string, unknown[]> };
        body.UnprocessedItems = { [table]: [...(body.UnprocessedItems?.[table] ?? []), ...held] };
        return output;
      } finally {
        counter.inFlight--;
      }
    },
    { step: "initialize", name: "faultInjection" },
  );
  dal = {
    revoke: await import("@/lib/features/revoke/server"),
    unlink: await import("@/lib/features/unlink/server"),
    deleteUser: await import("@/lib/features/delete-user/server"),
    undo: await import("@/lib/features/undo/server"),
    purge: await import("@/lib/features/purge/server"),
    audit: await import("@/lib/features/audit/server"),
    act: await import("@/lib/audit/act"),
  };
});
after(() => dynamo?.stop());

async function makeUser(options: { sessions?: number; accounts?: string[]; verified?: boolean; tokens?: number; expiredSessions?: number } = {}) {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: options.verified === false ? null : new Date(), name: "Test User" });
  for (const provider of options.accounts ?? []) {
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider,
      providerAccountId: `${provider}-${user.id}`,
      access_token: `at-${randomUUID()}`,
      refresh_token: `rt-${randomUUID()}`,
    });
  }
  const tokens: string[] = [];
  const total = (options.sessions ?? 0) + (options.expiredSessions ?? 0);
  await Promise.all(
    Array.from({ length: total }, (_, i) => {
      const sessionToken = randomUUID();
      tokens.push(sessionToken);
      const expires = new Date(Date.now() + (i < (options.sessions ?? 0) ? 3600_000 : -3600_000) + 0.25);
      return adapter.createSession!({ sessionToken, userId: user.id, expires });
    }),
  );
  for (let i = 0; i < (options.tokens ?? 0); i++)
    await adapter.createVerificationToken!({ identifier: email, token: `vt-${randomUUID()}`, expires: new Date(Date.now() + 600_000) });
  return { id: user.id, email, tokens };
}

async function remainingInPartition(userId: string) {
  const result = await dynamo.doc.query({
    TableName: product.tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `USER#${userId}` },
  });
  return result.Items ?? [];
}

async function auditEntry(auditId: string) {
  return (await dal.audit.getAuditEntry(admin, auditId))!;
}

describe("revoking sessions", () => {
  test("revoke one: the adapter no longer resolves it, every other session still does, twice is 'already revoked'", async () => {
    const a = await makeUser({ sessions: 3 });
    const b = await makeUser({ sessions: 2 });
    const outcome = await dal.revoke.revokeSession(admin, { userId: a.id, fingerprint: fingerprint(a.tokens[0]!) });
    assert.equal(outcome.result, "ok");
    assert.equal(await adapter.getSessionAndUser!(a.tokens[0]!), null);
    for (const token of [...a.tokens.slice(1), ...b.tokens]) assert.ok(await adapter.getSessionAndUser!(token));
    const again = await dal.revoke.revokeSession(admin, { userId: a.id, fingerprint: fingerprint(a.tokens[0]!) });
    assert.match(again.message, /already revoked/);

    const entry = await auditEntry(outcome.auditId);
    assert.equal(entry.operatorEmail, admin.email);
    assert.equal(entry.result, "ok");
    assert.deepEqual(entry.target.fingerprints, [fingerprint(a.tokens[0]!)]);
    const stored = await dynamo.doc.scan({ TableName: gatehouse.tableName });
    assert.ok(!JSON.stringify(stored.Items).includes(a.tokens[0]!), "the audit log never holds a token");
  });

  test("revoke all of 60 sessions: 25 per BatchWriteItem, none left, other users untouched", async () => {
    const a = await makeUser({ sessions: 60, accounts: ["github"] });
    const b = await makeUser({ sessions: 2 });
    sent.length = 0;
    overlap.BatchWriteItem.max = 0;
    const outcome = await dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "compromised laptop" });
    assert.equal(outcome.result, "ok");
    assert.deepEqual(outcome.counts, { revoked: 60, remaining: 0 });
    assert.equal(sent.filter((c) => c === "BatchWriteItem").length, 3);
    assert.equal(overlap.BatchWriteItem.max, 3, "the three groups are sent at once");
    for (const token of a.tokens) assert.equal(await adapter.getSessionAndUser!(token), null);
    for (const token of b.tokens) assert.ok(await adapter.getSessionAndUser!(token));
    assert.equal((await remainingInPartition(a.id)).length, 2, "the user and their account stay");
    assert.equal((await auditEntry(outcome.auditId)).reason, "compromised laptop");
  });

  test("under injected throttling and unprocessed items, revoke-all still finishes with nothing left", async () => {
    const a = await makeUser({ sessions: 80 });
    faults.push("throttle", "half", "half", "throttle", "half", "half", "half", "throttle");
    const outcome = await dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "fault test" });
    assert.equal(faults.length, 0, "every fault was hit");
    assert.equal(outcome.result, "ok");
    assert.equal(outcome.counts?.revoked, 80);
    for (const token of a.tokens) assert.equal(await adapter.getSessionAndUser!(token), null);
  });

  test("when the time budget runs out the result says how many remain, and a retry finishes", async () => {
    const a = await makeUser({ sessions: 30 });
    faults.push(...Array(200).fill("throttle"));
    const partial = await dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "budget test", budgetMs: 50 });
    faults.length = 0;
    assert.equal(partial.result, "partial");
    assert.equal(partial.counts?.remaining, 30);
    assert.match(partial.message, /30 remain/);
    const retry = await dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "budget test retry" });
    assert.equal(retry.counts?.revoked, 30);
  });

  test("two operators revoking the same user at once both succeed and leave nothing", async () => {
    const a = await makeUser({ sessions: 40 });
    const results = await Promise.all([
      dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "race one" }),
      dal.revoke.revokeUserSessions({ ...admin, email: "bo@ops.test" }, { userId: a.id, reason: "race two" }),
    ]);
    assert.ok(results.every((r) => r.result === "ok"));
    assert.equal((await remainingInPartition(a.id)).filter((i) => String(i.sk).startsWith("SESSION#")).length, 0);
  });

  test("revoke selected across users", async () => {
    const a = await makeUser({ sessions: 2 });
    const b = await makeUser({ sessions: 2 });
    const outcome = await dal.revoke.revokeSelectedSessions(admin, {
      sessions: [
        { userId: a.id, fingerprint: fingerprint(a.tokens[0]!) },
        { userId: b.id, fingerprint: fingerprint(b.tokens[1]!) },
        { userId: b.id, fingerprint: "0000000000" },
      ],
      reason: "cleanup",
    });
    assert.equal(outcome.counts?.revoked, 2);
    assert.equal(outcome.counts?.alreadyRevoked, 1);
    assert.equal(await adapter.getSessionAndUser!(a.tokens[0]!), null);
    assert.equal(await adapter.getSessionAndUser!(b.tokens[1]!), null);
    assert.ok(await adapter.getSessionAndUser!(a.tokens[1]!));
  });
});

describe("unlinking and undo", () => {
  test("unlink removes only that account; undo brings it back once", async () => {
    const a = await makeUser({ accounts: ["github", "google"] });
    const outcome = await dal.unlink.unlinkAccount(admin, { userId: a.id, provider: "github", providerAccountId: `github-${a.id}` });
    assert.equal(await adapter.getUserByAccount!({ provider: "github", providerAccountId: `github-${a.id}` }), null);
    assert.equal((await adapter.getUserByAccount!({ provider: "google", providerAccountId: `google-${a.id}` }))?.id, a.id);
    assert.ok(outcome.undoUntil && Date.parse(outcome.undoUntil) > Date.now() + 6 * 24 * 3600_000);

    const undone = await dal.undo.undoAction(admin, outcome.auditId);
    assert.equal(undone.result, "ok");
    assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: `github-${a.id}` }))?.id, a.id);
    await assert.rejects(dal.undo.undoAction(admin, outcome.auditId), /already been undone/);
    const again = await dal.unlink.unlinkAccount(admin, { userId: a.id, provider: "discord", providerAccountId: "nope" });
    assert.match(again.message, /already unlinked/);
  });

  test("the last way to sign in needs the user's email typed", async () => {
    const a = await makeUser({ accounts: ["github"], verified: false });
    const request = { userId: a.id, provider: "github", providerAccountId: `github-${a.id}` };
    await assert.rejects(dal.unlink.unlinkAccount(admin, request), (e: Error) => e.name === "RefusedError" && /last way to sign in/.test(e.message));
    assert.ok(await adapter.getUserByAccount!(request), "nothing changed");
    await assert.rejects(dal.unlink.unlinkAccount(admin, { ...request, confirmEmail: "wrong@example.com" }), /last way/);
    await dal.unlink.unlinkAccount(admin, { ...request, confirmEmail: a.email.toUpperCase() });
    assert.equal(await adapter.getUserByAccount!(request), null);
  });
});

describe("deleting users", () => {
  test("a user with 60+ items is gone entirely, tokens included; undo restores profile and accounts", async () => {
    const a = await makeUser({ sessions: 55, expiredSessions: 5, accounts: ["github", "google", "discord"], tokens: 2 });
    sent.length = 0;
    const outcome = await dal.deleteUser.deleteUser(admin, { userId: a.id, reason: "GDPR request" });
    assert.equal(outcome.result, "ok");
    assert.equal(outcome.counts?.deleted, 66);
    assert.deepEqual(await remainingInPartition(a.id), []);
    assert.equal(await adapter.getUserByEmail!(a.email), null);
    const tokens = await dynamo.doc.query({
      TableName: product.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `VT#${a.email}` },
    });
    assert.equal(tokens.Items?.length, 0);
    for (const token of a.tokens) assert.equal(await adapter.getSessionAndUser!(token), null);

    await dal.undo.undoAction(admin, outcome.auditId);
    assert.equal((await adapter.getUser!(a.id))?.email, a.email);
    assert.equal((await adapter.getUserByAccount!({ provider: "google", providerAccountId: `google-${a.id}` }))?.id, a.id);
    assert.equal((await remainingInPartition(a.id)).length, 4, "sessions are not restored");
  });

  test("undo is refused when the email belongs to someone else now", async () => {
    const a = await makeUser({ accounts: ["github"] });
    const outcome = await dal.deleteUser.deleteUser(admin, { userId: a.id, reason: "test" });
    await adapter.createUser!({ id: "", email: a.email, emailVerified: null });
    await assert.rejects(dal.undo.undoAction(admin, outcome.auditId), /Another user has the email/);
    assert.equal(await adapter.getUser!(a.id), null);
  });
});

describe("purging expired items", () => {
  test("deletes expired sessions and tokens awaiting TTL, keeps live ones, in audited steps", async () => {
    const a = await makeUser({ sessions: 3, expiredSessions: 4 });
    await adapter.createVerificationToken!({ identifier: "old@example.com", token: "old-vt", expires: new Date(Date.now() - 60_000) });
    await adapter.createVerificationToken!({ identifier: "new@example.com", token: "new-vt", expires: new Date(Date.now() + 60_000) });
    let progress = await dal.purge.purgeExpiredStep(admin, { reason: "tidy up" });
    while (!progress.done) progress = await dal.purge.purgeExpiredStep(admin, { reason: "tidy up", cursor: progress.cursor! });
    assert.ok(progress.deleted >= 5);
    for (const token of a.tokens.slice(0, 3)) assert.ok(await adapter.getSessionAndUser!(token));
    assert.equal((await remainingInPartition(a.id)).filter((i) => String(i.sk).startsWith("SESSION#")).length, 3);
    assert.equal(await adapter.useVerificationToken!({ identifier: "old@example.com", token: "old-vt" }), null);
    assert.ok(await adapter.useVerificationToken!({ identifier: "new@example.com", token: "new-vt" }));
  });

  test("a longer purge reads four segments side by side, describes the table once, and misses nothing", async () => {
    await makeUser({ sessions: 5, expiredSessions: 30 });
    await makeUser({ expiredSessions: 12 });
    const isExpired = (i: Record<string, unknown>) => typeof i.expires === "number" && i.expires < Date.now() / 1000;
    const all = (await dynamo.doc.scan({ TableName: product.tableName })).Items ?? [];
    const expired = all.filter(isExpired);
    assert.ok(all.length >= 80, `enough items for four segments of 20 (${all.length})`);
    sent.length = 0;
    scans.length = 0;
    overlap.Scan.max = 0;
    let progress = await dal.purge.purgeExpiredStep(admin, { reason: "segments", step: 20 });
    let steps = 1;
    assert.equal(progress.approximateItems, all.length);
    while (!progress.done) {
      progress = await dal.purge.purgeExpiredStep(admin, { reason: "segments", cursor: progress.cursor!, step: 20 });
      steps++;
    }
    assert.equal(sent.filter((c) => c === "DescribeTable").length, 1, "DescribeTable on the first step only");
    assert.equal(progress.approximateItems, all.length, "the first step's count is carried along");
    assert.ok(steps >= all.length / 20, `${steps} steps of at most 20 items`);
    assert.equal(progress.scanned, all.length, "every item read exactly once");
    assert.equal(progress.deleted, expired.length);
    assert.deepEqual(new Set(scans.map((s) => s.TotalSegments)), new Set([4]));
    assert.deepEqual(new Set(scans.map((s) => s.Segment)), new Set([0, 1, 2, 3]));
    assert.equal(overlap.Scan.max, 4, "the segments are read at once");
    const left = (await dynamo.doc.scan({ TableName: product.tableName })).Items ?? [];
    assert.equal(left.length, all.length - expired.length);
    assert.equal(left.filter(isExpired).length, 0);
  });
});

describe("authorization", () => {
  test("every mutation refuses anonymous callers, viewers and operators no longer allowed, and changes nothing", async () => {
    const a = await makeUser({ sessions: 2, accounts: ["github"] });
    const { ForbiddenError } = await import("@/lib/auth/authorize");
    for (const operator of [null, viewer, stranger]) {
      const calls = [
        dal.revoke.revokeSession(operator, { userId: a.id, fingerprint: fingerprint(a.tokens[0]!) }),
        dal.revoke.revokeUserSessions(operator, { userId: a.id, reason: "x" }),
        dal.revoke.revokeSelectedSessions(operator, { sessions: [{ userId: a.id, fingerprint: fingerprint(a.tokens[0]!) }], reason: "x" }),
        dal.unlink.unlinkAccount(operator, { userId: a.id, provider: "github", providerAccountId: `github-${a.id}` }),
        dal.deleteUser.deleteUser(operator, { userId: a.id, reason: "x" }),
        dal.purge.purgeExpiredStep(operator, { reason: "x" }),
        dal.undo.undoAction(operator, "2026-01-01T00:00:00.000Z~x"),
      ];
      // Refusals are recorded (a write each), so they settle later: handle every one at once.
      await Promise.all(calls.map((call) => assert.rejects(call, ForbiddenError)));
    }
    assert.equal((await remainingInPartition(a.id)).length, 4);
  });

  test("the audit log lists newest first and filters by action and target", async () => {
    const a = await makeUser({ sessions: 1 });
    await dal.revoke.revokeUserSessions(admin, { userId: a.id, reason: "listing test" });
    const page = await dal.audit.listAudit(viewer, { action: "revoke-all-sessions", target: a.email }, { pageSize: 25 });
    assert.equal(page.entries.length, 1);
    assert.equal(page.entries[0]!.target.userId, a.id);
    const all = await dal.audit.listAudit(viewer, {}, { pageSize: 100 });
    // Collapsed refusals (the viewer's calls above) are filed under the start of their hour.
    const times = all.entries.filter((e) => e.lastAt === null).map((e) => e.at);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.ok(
      all.meter.every((m) => m.operation === "Query"),
      "listing never scans",
    );
  });
});
