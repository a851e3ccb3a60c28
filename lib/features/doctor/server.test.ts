import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/**
 * The table doctor against DynamoDB Local, with data written by the real adapter. The tests
 * share one table and run in order: each states the whole table's expected findings.
 */
const product = testSchema("doctor-product");
const gatehouse = testSchema("doctor-gatehouse");
// Signed in just now: Delete user, Purge expired, repairs and Undo need a recent sign-in (step-up).
const admin = testOperator("ana@ops.test", "admin");
const viewer = { email: "vic@view.test", name: null, role: "viewer" as const };

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let adapter: Adapter;
let doctor: typeof import("./server");
let audit: typeof import("@/lib/features/audit/server");
const tokens: string[] = [];

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
  adapter = DynamoDBAdapter(dynamo.doc, product);
  doctor = await import("./server");
  audit = await import("@/lib/features/audit/server");
});
after(() => dynamo?.stop());

/** A user with 1 user item + `accounts` accounts + `sessions` sessions, all written by the adapter. */
async function makeUser(options: { accounts?: number; sessions?: number; expiredSessions?: number; email?: string } = {}) {
  const email = options.email ?? `${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: null, name: "Test User" });
  for (let i = 0; i < (options.accounts ?? 0); i++) {
    await adapter.linkAccount!({
      userId: user.id,
      type: "oauth",
      provider: `provider${i}`,
      providerAccountId: `pa-${i}-${user.id}`,
      access_token: `at-${randomUUID()}`,
    });
  }
  const live = options.sessions ?? 0;
  await Promise.all(
    Array.from({ length: live + (options.expiredSessions ?? 0) }, (_, i) => {
      const sessionToken = randomUUID();
      tokens.push(sessionToken);
      return adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + (i < live ? 3600_000 : -3600_000)) });
    }),
  );
  return { id: user.id, email };
}

async function partition(userId: string) {
  const result = await dynamo.doc.query({
    TableName: product.tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `USER#${userId}` },
  });
  return result.Items ?? [];
}

const deleteUserItemOnly = (userId: string) => dynamo.doc.delete({ TableName: product.tableName, Key: { pk: `USER#${userId}`, sk: `USER#${userId}` } });

async function counts() {
  const report = await doctor.runDoctor(admin, {});
  assert.equal(report.complete, true);
  for (const token of tokens) assert.ok(!JSON.stringify(report).includes(token), "a report never holds a session token");
  return { report, ...Object.fromEntries(report.findings.map((f) => [f.id, f.count])) } as { report: typeof report } & Record<string, number>;
}

describe("table doctor", () => {
  let a: { id: string; email: string };
  let b: { id: string; email: string };

  test("the adapter's own deleteUser on a user with 40 items leaves 15 behind, the user item among them", async () => {
    a = await makeUser({ accounts: 3, sessions: 36 });
    assert.equal((await partition(a.id)).length, 40);
    // Before: the doctor warns that the adapter cannot delete this user in one go.
    const before = await counts();
    assert.equal(before["adapter-undeletable-users"], 1);
    const warning = before.report.findings.find((f) => f.id === "adapter-undeletable-users")!;
    assert.deepEqual(warning.examples, [{ label: `${a.email} · user ${a.id} · 40 items`, userIds: [a.id] }]);
    await adapter.deleteUser!(a.id);
    const left = await partition(a.id);
    assert.ok(left.length > 0, "the adapter deletes only the first 25 items");
    // The partition is read in sort-key order (ACCOUNT# < SESSION# < USER#): the user item is last, so it survives.
    assert.equal(left.length, 15);
    assert.equal(left.filter((i) => String(i.sk).startsWith("ACCOUNT#")).length, 0);
    assert.equal(left.filter((i) => String(i.sk).startsWith("SESSION#")).length, 14);
    assert.equal(left.filter((i) => i.sk === `USER#${a.id}`).length, 1);
    // With the user item still there, those 14 sessions still sign someone in, but they are not orphans.
    const found = await counts();
    assert.equal(found["orphaned-accounts"], 0);
    assert.equal(found["orphaned-sessions"], 0);
    assert.equal(found["adapter-undeletable-users"], 0, "15 items: the adapter could now delete the rest");
  });

  test("orphans: the leftovers once the user item is gone, and a 40-item user whose user item alone was deleted", async () => {
    await deleteUserItemOnly(a.id);
    b = await makeUser({ accounts: 3, sessions: 36 });
    await deleteUserItemOnly(b.id);
    const live = await makeUser({ accounts: 1, sessions: 2 });
    const found = await counts();
    assert.equal(found["orphaned-accounts"], 3);
    assert.equal(found["orphaned-sessions"], 14 + 36);
    assert.equal(found["duplicate-emails"], 0);
    assert.equal(found["missing-gsi1-keys"], 0);
    assert.equal(found["expired-items"], 0);
    const sessions = found.report.findings.find((f) => f.id === "orphaned-sessions")!;
    assert.equal(sessions.examples.length, 5);
    assert.ok(sessions.examples.every((e) => /^session …[0-9a-f]{10} · user /.test(e.label) && !e.userIds));
    const accounts = found.report.findings.find((f) => f.id === "orphaned-accounts")!;
    assert.ok(accounts.examples.every((e) => e.label.startsWith("provider") && e.label.includes(b.id)));
    assert.ok(!JSON.stringify(found.report).includes(live.id), "a live user is no finding");
    assert.equal(found.report.scanned, 14 + 39 + 4);
    // The whole table in 4 segments read side by side, each read once to its end.
    const scans = found.report.meter.find((m) => m.operation === "Scan")!;
    assert.equal(scans.calls, 4);
    assert.equal(scans.itemsRead, 14 + 39 + 4);
  });

  test("a Scan cut short reports only confirmed orphans and says it is incomplete", async () => {
    const report = await doctor.runDoctor(admin, { budget: 20 });
    assert.equal(report.complete, false);
    assert.ok(report.scanned <= 20);
    const orphans = report.findings.filter((f) => f.id.startsWith("orphaned-")).reduce((sum, f) => sum + f.count, 0);
    assert.ok(orphans <= report.scanned);
    for (const f of report.findings.filter((f) => f.id.startsWith("orphaned-"))) {
      for (const e of f.examples) assert.ok(e.label.includes(a.id) || e.label.includes(b.id), `only a's and b's items are orphans: ${e.label}`);
    }
    assert.ok(report.meter.some((m) => m.operation === "Scan"));
  });

  let noIndex: { id: string; email: string };
  let dupes: string[];
  test("users sharing one email, a user item without index keys, expired items awaiting TTL", async () => {
    const d1 = await makeUser({ email: `Dup-${randomUUID().slice(0, 6)}@example.com` });
    const d2 = await makeUser({ email: d1.email.toLowerCase() });
    dupes = [d1.id, d2.id];
    noIndex = { id: randomUUID(), email: `raw-${randomUUID().slice(0, 6)}@example.com` };
    await dynamo.doc.put({
      TableName: product.tableName,
      Item: { pk: `USER#${noIndex.id}`, sk: `USER#${noIndex.id}`, type: "USER", id: noIndex.id, email: noIndex.email, emailVerified: null },
    });
    await makeUser({ sessions: 1, expiredSessions: 1 });
    await adapter.createVerificationToken!({ identifier: "late@example.com", token: `vt-${randomUUID()}`, expires: new Date(Date.now() - 60_000) });

    const found = await counts();
    assert.equal(found["duplicate-emails"], 1);
    const duplicate = found.report.findings.find((f) => f.id === "duplicate-emails")!;
    assert.deepEqual(new Set(duplicate.examples[0]!.userIds), new Set(dupes));
    assert.equal(duplicate.repair, undefined, "which user to keep is a human decision");
    assert.ok(duplicate.noRepair);
    assert.equal(found["missing-gsi1-keys"], 1);
    assert.deepEqual(found.report.findings.find((f) => f.id === "missing-gsi1-keys")!.examples[0]!.userIds, [noIndex.id]);
    assert.equal(found["expired-items"], 2);
    assert.equal(await adapter.getUserByEmail!(noIndex.email), null, "without index keys the adapter cannot find the user");
  });

  test("repairs are for admins only: viewer and anonymous are refused, nothing changes", async () => {
    await assert.rejects(doctor.repairFinding(viewer, { finding: "orphaned-sessions", reason: "cleanup" }), { name: "ForbiddenError" });
    await assert.rejects(doctor.repairFinding(null, { finding: "orphaned-accounts", reason: "cleanup" }), { name: "ForbiddenError" });
    await assert.rejects(doctor.runDoctor(null, {}), { name: "ForbiddenError" });
    const viewed = await doctor.runDoctor(viewer, {});
    assert.equal(viewed.findings.find((f) => f.id === "orphaned-sessions")!.count, 50);
  });

  test("repair deletes the orphans (the partitions are then empty), adds index keys, purges expired items; all audited", async () => {
    const accounts = await doctor.repairFinding(admin, { finding: "orphaned-accounts", reason: "doctor: orphans after deleteUser" });
    assert.equal(accounts.result, "ok");
    assert.equal(accounts.counts?.deleted, 3);
    const sessions = await doctor.repairFinding(admin, { finding: "orphaned-sessions", reason: "doctor: orphans after deleteUser" });
    assert.equal(sessions.counts?.deleted, 50);
    assert.deepEqual(await partition(a.id), []);
    assert.deepEqual(await partition(b.id), []);

    const index = await doctor.repairFinding(admin, { finding: "missing-gsi1-keys", reason: "doctor: index keys" });
    assert.equal(index.counts?.updated, 1);
    assert.equal((await adapter.getUserByEmail!(noIndex.email))?.id, noIndex.id);

    const expired = await doctor.repairFinding(admin, { finding: "expired-items", reason: "doctor: expired" });
    assert.equal(expired.counts?.deleted, 2);

    const found = await counts();
    for (const id of ["orphaned-accounts", "orphaned-sessions", "missing-gsi1-keys", "expired-items"]) assert.equal(found[id], 0, id);
    assert.equal(found["duplicate-emails"], 1, "never repaired automatically");
    for (const id of dupes) assert.equal((await partition(id)).length, 1);

    const entry = (await audit.getAuditEntry(admin, sessions.auditId))!;
    assert.equal(entry.action, "repair-table");
    assert.equal(entry.result, "ok");
    assert.equal(entry.reason, "doctor: orphans after deleteUser");
    assert.equal(entry.operatorEmail, admin.email);
    const again = await doctor.repairFinding(admin, { finding: "orphaned-sessions", reason: "again" });
    assert.match(again.message, /nothing to do/);
    const stored = await dynamo.doc.scan({ TableName: gatehouse.tableName });
    for (const token of tokens) assert.ok(!JSON.stringify(stored.Items).includes(token), "the audit log never holds a token");
  });
});
