import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

/** Listing the audit log against DynamoDB Local: where collapsed entries appear. */
const product = testSchema("audit-list-product");
const gatehouse = testSchema("audit-list-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
});
after(() => dynamo?.stop());

const viewer = { email: "v@view.test", name: null, role: "viewer" as const };
const day = "2026-11-02";
const context = { requestId: "r-list", ip: "203.0.113.8", userAgent: "test" };

/** An ordinary entry as startAudit/finishAudit leave it, at a chosen time. */
async function putEntry(at: string, requestId: string, extra: Record<string, unknown> = {}) {
  const { gatehouseTable } = await import("@/lib/dynamo/gatehouse-table");
  const table = gatehouseTable();
  const id = extra.id ? String(extra.id) : `${at}~${requestId}`;
  await table.doc.put({
    TableName: table.schema.tableName,
    Item: {
      ...table.auditKey(at.slice(0, 10), id),
      type: "AUDIT",
      at,
      operatorEmail: "ana@ops.test",
      operatorRole: "admin",
      action: "revoke-all-sessions",
      target: {},
      reason: "r",
      result: "ok",
      counts: {},
      requestId,
      ip: "203.0.113.1",
      userAgent: "test",
      search: "ana@ops.test",
      ...extra,
    },
  });
}

test("collapsed entries are listed at their latest time, new and old key formats alike", async () => {
  const { recordCollapsedAuditEvent } = await import("@/lib/audit/writer");
  const { getAuditEntry, listAudit } = await import("./server");
  await putEntry(`${day}T07:30:00.000Z`, "r-0730");
  // Written before keys named the action and kind: `<hour>~collapsed-<fingerprint>`.
  const oldId = `${day}T07:00:00.000Z~collapsed-0123456789`;
  await putEntry(`${day}T07:05:00.000Z`, "r-old", {
    id: oldId,
    action: "sign-in-refused",
    operatorEmail: "mallory@outside.test",
    operatorRole: "none",
    result: "refused",
    lastAt: `${day}T07:50:00.000Z`,
    repeats: 4,
  });
  await putEntry(`${day}T08:00:05.000Z`, "r-0800");
  await putEntry(`${day}T08:10:00.000Z`, "r-0810");
  await putEntry(`${day}T08:20:00.000Z`, "r-0820");
  const key = { email: "ana@ops.test", role: "api-key", apiKey: { id: "k-1", name: "reader" }, kind: "api-key" as const };
  for (const time of ["08:01:00", "08:36:00"]) {
    await recordCollapsedAuditEvent(
      key,
      context,
      "api-read",
      { apiKeyId: "k-1" },
      "k-1 GET /api/v1/users",
      new Date(`${day}T${time}.000Z`),
      "GET /api/v1/users",
      "ok",
    );
  }

  const page = await listAudit(viewer, { from: day, to: day }, { pageSize: 25 });
  const latest = page.entries.map((e) => `${e.action} ${(e.lastAt ?? e.at).slice(11, 16)}`);
  assert.deepEqual(latest, [
    "api-read 08:36",
    "revoke-all-sessions 08:20",
    "revoke-all-sessions 08:10",
    "revoke-all-sessions 08:00",
    "sign-in-refused 07:50",
    "revoke-all-sessions 07:30",
  ]);
  const old = page.entries.find((e) => e.id === oldId);
  assert.equal(old?.counts.attempts, 4);
  assert.equal((await getAuditEntry(viewer, oldId))?.lastAt, `${day}T07:50:00.000Z`, "an entry with the old key still opens");
});
