import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fingerprint } from "@/lib/secrets";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

/** Collapsed audit entries (one per action, principal kind, subject and hour) against DynamoDB Local. */
const product = testSchema("collapse-product");
const gatehouse = testSchema("collapse-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" } });
});
after(() => dynamo?.stop());

const context = { requestId: "r-collapse", ip: "203.0.113.7", userAgent: "test" };

// Found by a birthday search over 2^21 viewer addresses: the 40-bit fingerprints the old keys
// were made of are equal for a viewer's refused Delete user and this visitor's refused sign-in.
const viewerEmail = "viewer-1952329@view.test";
const visitorEmail = "visitor-352454@outside.test";

test("two subjects whose 40-bit fingerprints are equal get separate entries: a visitor cannot take over an operator's refusals", async () => {
  assert.equal(fingerprint(`delete-user:${viewerEmail}`), fingerprint(`sign-in-refused:${visitorEmail}`), "the pair collides on the old fingerprint");
  const { gateLinkRequest } = await import("@/lib/auth/sign-in-gate");
  const { authorizeRecorded } = await import("@/lib/audit/act");
  const { listAudit } = await import("@/lib/features/audit/server");
  const viewer = { email: viewerEmail, name: null, role: "viewer" as const };
  // The visitor asks for magic links first, so today's entry would be theirs.
  assert.deepEqual(await gateLinkRequest(visitorEmail, context), { kind: "refused" });
  await assert.rejects(authorizeRecorded(viewer, "delete-user", { userId: "u-victim" }, context));
  await assert.rejects(authorizeRecorded(viewer, "delete-user", { userId: "u-victim" }, context));

  const page = await listAudit(viewer, {}, { pageSize: 50 });
  const refusals = page.entries.filter((e) => e.result === "refused");
  const seen = JSON.stringify(refusals.map((e) => [e.action, e.operatorEmail, e.counts]));
  // Summed: an hour's edge may fall between the calls (each hour has an entry of its own).
  const attempts = (action: string, email: string) =>
    refusals.filter((e) => e.action === action && e.operatorEmail === email).reduce((sum, e) => sum + (e.counts.attempts ?? 0), 0);
  assert.equal(attempts("delete-user", viewerEmail), 2, `the viewer's refusals have an entry of their own: ${seen}`);
  assert.equal(attempts("sign-in-refused", visitorEmail), 1, `the visitor's entry counts only the visitor: ${seen}`);
});

test("a collapsed entry's key names its action and principal kind in clear and its subject by full SHA-256; getAuditEntry opens it", async () => {
  const { recordCollapsedAuditEvent } = await import("./writer");
  const { getAuditEntry, listAudit } = await import("@/lib/features/audit/server");
  const viewer = { email: "v@view.test", name: null, role: "viewer" as const };
  const key = { email: "ana@ops.test", role: "api-key", apiKey: { id: "k-1", name: "reader" }, kind: "api-key" as const };
  await recordCollapsedAuditEvent(key, context, "api-read", { apiKeyId: "k-1" }, "k-1 GET /api/v1/users", new Date(), "GET /api/v1/users", "ok");
  const page = await listAudit(viewer, { action: "api-read" }, { pageSize: 10 });
  assert.equal(page.entries.length, 1);
  const id = page.entries[0]!.id;
  assert.match(id, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z~collapsed~api-read~api-key~[0-9a-f]{64}$/);
  assert.equal((await getAuditEntry(viewer, id))?.action, "api-read");
});
