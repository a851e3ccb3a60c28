import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { fingerprint } from "@/lib/secrets";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

/**
 * The audit log tells the truth, against DynamoDB Local: refused calls are recorded
 * (collapsed), an outcome that could not be written is reported as done and repaired later,
 * and no raw DynamoDB error text (which can quote a key, and keys hold tokens) is stored.
 * Faults are injected through AWS SDK middleware.
 */
const product = testSchema("truth-product");
const gatehouse = testSchema("truth-gatehouse");
const admin = { email: "ana@ops.test", name: null, role: "admin" as const };

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let adapter: Adapter;
let dal: { revoke: typeof import("@/lib/features/revoke/server"); audit: typeof import("./server"); repair: typeof import("@/lib/audit/repair") };
/** How many of the next outcome writes (finishAudit's UpdateItem) fail. */
const faults = { outcomeWrites: 0, deleteItem: null as Error | null };

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
  adapter = DynamoDBAdapter(dynamo.doc, product);
  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  serverDynamo().raw.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; UpdateExpression?: string; Key?: Record<string, unknown> };
      if (
        context.commandName === "UpdateItemCommand" &&
        input.TableName === gatehouse.tableName &&
        input.UpdateExpression?.startsWith("SET #result") &&
        faults.outcomeWrites > 0
      ) {
        faults.outcomeWrites--;
        throw Object.assign(new Error("Internal server error"), { name: "InternalServerError", $fault: "server", $metadata: {} });
      }
      if (context.commandName === "DeleteItemCommand" && input.TableName === product.tableName && faults.deleteItem) {
        const error = faults.deleteItem;
        faults.deleteItem = null;
        throw error;
      }
      return next(args);
    },
    { step: "initialize", name: "auditFaults" },
  );
  dal = { revoke: await import("@/lib/features/revoke/server"), audit: await import("./server"), repair: await import("@/lib/audit/repair") };
});
after(() => dynamo?.stop());

async function userWithSession() {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Test" });
  const sessionToken = randomUUID();
  await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 3600_000) });
  return { id: user.id, email, sessionToken };
}

describe("refused authorization is recorded", () => {
  test("a viewer's direct calls to an admin action leave one collapsed 'refused' entry with a count, and change nothing", async () => {
    const viewer = { email: `${randomUUID().slice(0, 8)}@view.test`, name: null, role: "viewer" as const };
    const a = await userWithSession();
    for (let i = 0; i < 3; i++) {
      await assert.rejects(dal.revoke.revokeSession(viewer, { userId: a.id, fingerprint: fingerprint(a.sessionToken) }), { name: "ForbiddenError" });
    }
    const page = await dal.audit.listAudit(admin, { operator: viewer.email }, { pageSize: 25 });
    assert.equal(page.entries.length, 1, "repeats collapse into one entry");
    const [entry] = page.entries;
    assert.equal(entry!.action, "revoke-session");
    assert.equal(entry!.result, "refused");
    assert.equal(entry!.operatorRole, "viewer");
    assert.equal(entry!.counts.attempts, 3);
    assert.equal(entry!.target.userId, a.id);
    assert.match(entry!.message ?? "", /needs the admin role/);
    assert.ok(await adapter.getSessionAndUser!(a.sessionToken), "the session is still there");
  });
});

describe("an outcome that could not be written", () => {
  test("the operator is told it was done but the record is incomplete; the entry is completed once it can be written, and says so", async () => {
    const a = await userWithSession();
    // Every immediate attempt fails; the first later retry gets through.
    faults.outcomeWrites = dal.repair.IMMEDIATE_ATTEMPTS;
    const outcome = await dal.revoke.revokeSession(admin, { userId: a.id, fingerprint: fingerprint(a.sessionToken) });
    assert.equal(outcome.result, "ok");
    assert.equal(outcome.auditIncomplete, true);
    assert.match(outcome.message, /done, but the audit record could not be completed/);
    assert.equal(await adapter.getSessionAndUser!(a.sessionToken), null, "the work was done");

    const before = await dal.audit.getAuditEntry(admin, outcome.auditId);
    assert.equal(before!.result, "started");
    await dal.repair.settleAuditRepairs();
    const after = await dal.audit.getAuditEntry(admin, outcome.auditId);
    assert.equal(after!.result, "ok");
    assert.match(after!.message ?? "", /Revoked/);
    assert.match(after!.message ?? "", /written late/);
  });

  test("a single failed outcome write is retried at once and the operator hears nothing of it", async () => {
    const a = await userWithSession();
    faults.outcomeWrites = 1;
    const outcome = await dal.revoke.revokeSession(admin, { userId: a.id, fingerprint: fingerprint(a.sessionToken) });
    assert.equal(outcome.auditIncomplete, undefined);
    assert.equal((await dal.audit.getAuditEntry(admin, outcome.auditId))!.result, "ok");
  });
});

describe("stored messages carry no raw DynamoDB text", () => {
  test("a failed action stores a sanitized summary; the raw text, which quotes the token, goes to stderr with the request id", async () => {
    const a = await userWithSession();
    faults.deleteItem = Object.assign(new Error(`One or more parameter values were invalid: key SESSION#${a.sessionToken} is malformed`), {
      name: "ValidationException",
      $fault: "client",
      $metadata: { httpStatusCode: 400 },
    });
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
    try {
      await assert.rejects(dal.revoke.revokeSession(admin, { userId: a.id, fingerprint: fingerprint(a.sessionToken) }), { name: "ValidationException" });
    } finally {
      console.error = original;
    }
    const [entry] = (await dal.audit.listAudit(admin, { action: "revoke-session", target: a.id }, { pageSize: 5 })).entries;
    assert.equal(entry!.result, "failed");
    assert.equal(entry!.message, "failed: DynamoDB refused the request (ValidationException)");
    assert.ok(!JSON.stringify(entry).includes(a.sessionToken), "no token in the entry");
    const line = logged.find((l) => l.includes(entry!.requestId));
    assert.ok(line, "the detail is logged with the request id");
    assert.match(line, /is malformed/);
  });
});
