import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/**
 * Heavy scans against DynamoDB Local: one at a time per operator (a lease in the Gatehouse
 * table), a read-capacity budget per operator per minute, a bounded audit listing, and the
 * doctor's last result kept. Each test uses operators of its own, since budgets are per operator; the lease tests
 * read 20 items a run (about 10 read units) to stay under the budget.
 */
const product = testSchema("limits-product");
const gatehouse = testSchema("limits-gatehouse");
const BUDGET = 40;
const operator = (role: "admin" | "viewer") => testOperator(`${randomUUID().slice(0, 8)}@${role === "admin" ? "ops" : "view"}.test`, role);

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let dal: {
  doctor: typeof import("@/lib/features/doctor/server");
  counts: typeof import("@/lib/features/overview/entity-counts");
  users: typeof import("@/lib/features/users/server");
  audit: typeof import("@/lib/features/audit/server");
  purge: typeof import("@/lib/features/purge/server");
  sessions: typeof import("@/lib/features/sessions/server");
  tokens: typeof import("@/lib/features/tokens/server");
  listJobs: typeof import("@/lib/features/list-jobs/server");
  resolve: typeof import("@/lib/features/list-jobs/resolve");
  blockPreview: typeof import("@/lib/features/block/dry-run");
  deletePreview: typeof import("@/lib/features/delete-user/dry-run");
  revokePreview: typeof import("@/lib/features/revoke/dry-run");
  unlinkPreview: typeof import("@/lib/features/unlink/dry-run");
};
/** While set, every Scan waits here until released: a run can be caught in the middle. */
let gate: Promise<void> | null = null;
let openGate = () => {};
const held = { scans: 0 };
const scansBy = new Map<string, number>();
let scanTag = "";

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_RATE_LIMITS: `read-units=${BUDGET}/1h` } });
  // The budget's clock held at one instant: no window edge falls between a spend and its check.
  (await import("@/lib/limits/clock")).holdLimitClock(Date.parse("2026-06-01T12:30:00.000Z"));
  // 200 user items of ~4 KB: a full read costs about 100 read units, one 20-item step about 10.
  const items = Array.from({ length: 200 }, (_, i) => {
    const id = `u-${i}`;
    return {
      pk: `USER#${id}`,
      sk: `USER#${id}`,
      GSI1PK: `USER#${id}@example.com`,
      GSI1SK: `USER#${id}@example.com`,
      type: "USER",
      id,
      email: `${id}@example.com`,
      name: `User ${i}`,
      bio: "x".repeat(4000),
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.doc.batchWrite({ RequestItems: { [product.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  }
  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  serverDynamo().raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "ScanCommand") {
        scansBy.set(scanTag, (scansBy.get(scanTag) ?? 0) + 1);
        if (gate) {
          held.scans++;
          await gate;
        }
      }
      return next(args);
    },
    { step: "initialize", name: "scanGate" },
  );
  dal = {
    doctor: await import("@/lib/features/doctor/server"),
    counts: await import("@/lib/features/overview/entity-counts"),
    users: await import("@/lib/features/users/server"),
    audit: await import("@/lib/features/audit/server"),
    purge: await import("@/lib/features/purge/server"),
    sessions: await import("@/lib/features/sessions/server"),
    tokens: await import("@/lib/features/tokens/server"),
    listJobs: await import("@/lib/features/list-jobs/server"),
    resolve: await import("@/lib/features/list-jobs/resolve"),
    blockPreview: await import("@/lib/features/block/dry-run"),
    deletePreview: await import("@/lib/features/delete-user/dry-run"),
    revokePreview: await import("@/lib/features/revoke/dry-run"),
    unlinkPreview: await import("@/lib/features/unlink/dry-run"),
  };
});
after(() => dynamo?.stop());

async function until(condition: () => boolean, stop: () => boolean = () => false) {
  while (!condition() && !stop()) await new Promise((r) => setTimeout(r, 10));
}

const limited = (pattern: RegExp) => (error: Error & { retryAfterSeconds?: number }) =>
  error.name === "RateLimitedError" && pattern.test(error.message) && typeof error.retryAfterSeconds === "number" && error.retryAfterSeconds > 0;

describe("one heavy scan per operator at a time", () => {
  test("a second doctor run by the same operator is refused while the first reads, and reads nothing; another operator is not blocked", async () => {
    const ana = operator("admin");
    const other = operator("viewer");
    gate = new Promise((resolve) => (openGate = resolve));
    held.scans = 0;
    scanTag = "first";
    const first = dal.doctor.runDoctor(ana, { budget: 20 });
    await until(() => held.scans >= 1);
    scanTag = "second";
    let secondSettled = false;
    const second = dal.doctor.runDoctor(ana, { budget: 20 }).then(
      () => "ran",
      (error: Error) => error,
    );
    void second.finally(() => (secondSettled = true));
    // Today the second run starts reading too; with the lease it is refused before any Scan.
    const settled = await Promise.race([
      second,
      until(
        () => (scansBy.get("second") ?? 0) > 0,
        () => secondSettled,
      ).then(() => "reading"),
    ]);
    scanTag = "other";
    const unrelated = dal.doctor.runDoctor(other, { budget: 20 });
    await until(() => (scansBy.get("other") ?? 0) > 0);
    openGate();
    gate = null;
    await first;
    await unrelated;
    assert.ok(settled instanceof Error, `the second run must be refused, not ${String(settled)}`);
    assert.ok(limited(/A scan of yours is already running; try again in \d+ seconds?/)(settled as Error), (settled as Error).message);
    assert.equal(scansBy.get("second") ?? 0, 0, "the refused run read nothing");
    // Released at the end: the same operator can run again.
    await dal.doctor.runDoctor(ana, { budget: 20 });
  });

  test("a Count items run holds the lease between its steps; a doctor run meanwhile is refused; done releases it", async () => {
    const vic = operator("viewer");
    const step = await dal.counts.countEntitiesStep(vic, { step: 20 });
    assert.equal(step.done, false);
    await assert.rejects(dal.doctor.runDoctor(vic, { budget: 20 }), limited(/already running/));
    await assert.rejects(dal.counts.countEntitiesStep(vic, { step: 20 }), limited(/already running/), "a second count is refused too");
    const released = await dal.counts.stopEntityCount(vic, { cursor: step.cursor! });
    assert.equal(released, true);
    await dal.doctor.runDoctor(vic, { budget: 20 });
  });
});

describe("a read-capacity budget per operator per minute", () => {
  test("the doctor: the run after the budget is spent is refused with when to retry, and reads nothing", async () => {
    const ana = operator("admin");
    const report = await dal.doctor.runDoctor(ana, {});
    const spent = report.meter.reduce((sum, m) => sum + m.readUnits, 0);
    assert.ok(spent >= BUDGET, `a full read costs ${spent} read units`);
    scanTag = "over";
    await assert.rejects(dal.doctor.runDoctor(ana, {}), limited(/read budget.*try again in/));
    assert.equal(scansBy.get("over") ?? 0, 0);
    // Another operator has a budget of their own.
    await dal.doctor.runDoctor(operator("viewer"), {});
  });

  test("Count items: steps are charged as they go, and the step over the budget is refused before it reads", async () => {
    const vic = operator("viewer");
    let cursor: string | undefined;
    let steps = 0;
    let refused: Error | null = null;
    for (let i = 0; i < 20; i++) {
      try {
        const step = await dal.counts.countEntitiesStep(vic, { cursor, step: 20 });
        steps++;
        assert.ok(!step.done, "the budget runs out before the 200 items are counted");
        cursor = step.cursor!;
      } catch (error) {
        refused = error as Error;
        break;
      }
    }
    assert.ok(refused && limited(/read budget.*try again in/)(refused), String(refused));
    assert.ok(steps >= 2 && steps < 10, `${steps} steps ran`);
  });

  test("the users contains search shares the same budget", async () => {
    const vic = operator("viewer");
    await dal.doctor.runDoctor(vic, {});
    await assert.rejects(dal.users.searchUsers(vic, { query: "user 1" }), limited(/read budget/));
  });

  test("purge steps are charged too", async () => {
    const ana = operator("admin");
    await dal.doctor.runDoctor(ana, {});
    await assert.rejects(dal.purge.purgeExpiredStep(ana, { reason: "budget test" }), limited(/read budget/));
  });

  test("a purge's own Scan is charged: after a purge that read past the budget, the next heavy read is refused", async () => {
    const ana = operator("admin");
    // One step reads all 200 items (about 100 read units): it runs, being under the budget when it starts.
    const run = await dal.purge.purgeExpiredStep(ana, { reason: "budget test" });
    assert.equal(run.done, true);
    await assert.rejects(dal.counts.countEntitiesStep(ana, { step: 20 }), limited(/read budget.*try again in/));
  });

  for (const [name, list] of [
    ["/users", (vic: ReturnType<typeof operator>) => dal.users.listUsers(vic, { pageSize: 25 })],
    // No session items in this table (as for a JWT product): every load reads the whole table.
    ["/sessions", (vic: ReturnType<typeof operator>) => dal.sessions.listSessions(vic, { pageSize: 25, includeExpired: false })],
    ["/verification-tokens", (vic: ReturnType<typeof operator>) => dal.tokens.listVerificationTokens(vic, { pageSize: 25 })],
  ] as const) {
    test(`the ${name} page list is charged, and refused once the budget is spent, before it reads`, async () => {
      const vic = operator("viewer");
      const page = await list(vic);
      assert.ok(page.meter.reduce((sum, m) => sum + m.readUnits, 0) >= BUDGET, "one page read past the budget");
      scanTag = `over ${name}`;
      await assert.rejects(list(vic), limited(/read budget.*try again in/));
      assert.equal(scansBy.get(`over ${name}`) ?? 0, 0, "the refused page read nothing");
    });
  }

  test("the list job dry run is charged: a long list stops at the budget, within the request, and the next dry run is refused", async () => {
    const ana = operator("admin");
    // 1,000 entries: the 200 users by id (a 4 KB GetItem each) and 800 ids no one has.
    const entries = [...Array.from({ length: 200 }, (_, i) => `u-${i}`), ...Array.from({ length: 800 }, (_, i) => `ghost-${i}`)];
    await assert.rejects(dal.listJobs.previewListJob(ana, { action: "revoke-all", entries, reason: "budget test" }), limited(/read budget.*try again in/));
    await assert.rejects(dal.listJobs.previewListJob(ana, { action: "revoke-all", entries: ["u-1"], reason: "budget test" }), limited(/read budget/));
  });

  test("the console's resolve action (a viewer may call it) is charged, and refused once the budget is spent", async () => {
    const vic = operator("viewer");
    const resolved = await dal.resolve.resolveListEntries(
      vic,
      Array.from({ length: 200 }, (_, i) => `u-${i}`),
    );
    assert.equal(resolved.filter((r) => r.userId).length, 200);
    await assert.rejects(dal.resolve.resolveListEntries(vic, ["u-1"]), limited(/read budget.*try again in/));
  });
});

describe("one-user dry runs are reads, charged like any other", () => {
  const previews = {
    block: (op: ReturnType<typeof operator>) => dal.blockPreview.previewBlockUser(op, { userId: "u-7", duration: "24h" }),
    unblock: (op: ReturnType<typeof operator>) => dal.blockPreview.previewUnblockUser(op, "u-7"),
    "delete user": (op: ReturnType<typeof operator>) => dal.deletePreview.previewDeleteUser(op, "u-7"),
    "revoke all sessions": (op: ReturnType<typeof operator>) => dal.revokePreview.previewRevokeAllSessions(op, "u-7"),
    "revoke one session": (op: ReturnType<typeof operator>) => dal.revokePreview.previewRevokeSession(op, { userId: "u-7", fingerprint: "0123456789abcdef" }),
    unlink: (op: ReturnType<typeof operator>) => dal.unlinkPreview.previewUnlinkAccount(op, { userId: "u-7", provider: "github", providerAccountId: "1" }),
  };
  for (const [name, preview] of Object.entries(previews)) {
    test(`the ${name} dry run is charged with what it read, and refused once the budget is spent`, async () => {
      const { peekLimit } = await import("@/lib/limits/rate-limit");
      const { principalId } = await import("@/lib/auth/principal");
      const ana = operator("admin");
      await preview(ana);
      // u-7's item is ~4 KB: each GetItem or Query of its partition costs DynamoDB read units.
      const spent = await peekLimit("read-units", principalId(ana));
      assert.ok(spent.count > 0, `the ${name} dry run was charged (${spent.count} read units)`);
      await dal.doctor.runDoctor(ana, {});
      await assert.rejects(preview(ana), limited(/read budget.*try again in/));
    });
  }
});

describe("opening one audit entry is a read, charged like any other", () => {
  test("the entry's GetItem is charged, and refused once the budget is spent", async () => {
    const { peekLimit } = await import("@/lib/limits/rate-limit");
    const { principalId } = await import("@/lib/auth/principal");
    const ana = operator("admin");
    const vic = operator("viewer");
    const { recordAuditEvent } = await import("@/lib/audit/writer");
    await recordAuditEvent({ email: ana.email, role: "admin" }, { requestId: randomUUID(), ip: "203.0.113.1", userAgent: "test" }, "sign-in", "ok");
    const [entry] = (await dal.audit.listAudit(ana, { operator: ana.email }, { pageSize: 1 })).entries;
    assert.ok(entry, "the entry just written is listed");
    const spent = (await peekLimit("read-units", principalId(vic))).count;
    assert.equal((await dal.audit.getAuditEntry(vic, entry.id))?.id, entry.id);
    assert.ok((await peekLimit("read-units", principalId(vic))).count > spent, "the GetItem was charged");
    await dal.doctor.runDoctor(vic, {});
    await assert.rejects(dal.audit.getAuditEntry(vic, entry.id), limited(/read budget.*try again in/));
  });
});

describe("the audit listing is bounded", () => {
  test("a filter that matches nothing over a year stops after a bounded number of Queries, says where, and can go on", async () => {
    const vic = operator("viewer");
    const filters = { target: "matches-nothing", from: "2025-01-01", to: "2025-12-31" };
    const page = await dal.audit.listAudit(vic, filters, { pageSize: 25 });
    const queries = page.meter.find((m) => m.operation === "Query")?.calls ?? 0;
    assert.ok(queries <= dal.audit.MAX_AUDIT_QUERIES, `${queries} Queries in one request`);
    assert.equal(page.entries.length, 0);
    assert.ok(page.stopped, "the page says the search stopped");
    assert.match(page.stopped.day, /^2025-\d{2}-\d{2}$/);
    assert.ok(page.nextCursor, "a sealed cursor continues the search");
    const next = await dal.audit.listAudit(vic, filters, { pageSize: 25, cursor: page.nextCursor });
    assert.ok(next.stopped && next.stopped.day < page.stopped.day, "the next request goes on from where it stopped");
  });
});

describe("the doctor's last result is kept", () => {
  test("a run stores its findings with when, by whom and what it read; a visit reads them back without scanning", async () => {
    const ana = operator("admin");
    const report = await dal.doctor.runDoctor(ana, {});
    scanTag = "visit";
    const last = await dal.doctor.lastDoctorReport(operator("viewer"));
    assert.ok(last);
    assert.equal(last.by, ana.email);
    assert.equal(last.scanned, report.scanned);
    assert.deepEqual(last.findings, report.findings);
    assert.equal(typeof last.at, "string");
    assert.ok(last.readUnits > 0);
    assert.equal(scansBy.get("visit") ?? 0, 0, "showing the last result reads no table");
    await assert.rejects(dal.doctor.lastDoctorReport(null), { name: "ForbiddenError" });
  });
});
