import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

const product = testSchema("ro-product");
const gatehouse = testSchema("ro-gatehouse");
const admin = { email: "ana@ops.test", name: null, role: "admin" as const };
let dynamo: Awaited<ReturnType<typeof testDynamo>>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, ttl: true, env: { GATEHOUSE_READ_ONLY: "true" } });
});
after(() => dynamo?.stop());

test("GATEHOUSE_READ_ONLY=true refuses every mutation, even an admin's, and writes nothing", async () => {
  const { revokeSession, revokeUserSessions, revokeSelectedSessions } = await import("@/lib/features/revoke/server");
  const { unlinkAccount } = await import("@/lib/features/unlink/server");
  const { deleteUser } = await import("@/lib/features/delete-user/server");
  const { purgeExpiredStep } = await import("@/lib/features/purge/server");
  const { undoAction } = await import("@/lib/features/undo/server");
  const { blockUser, unblockUser } = await import("@/lib/features/block/server");
  const { ReadOnlyError } = await import("@/lib/audit/act");
  const { listUsers } = await import("@/lib/features/users/server");
  const calls = [
    revokeSession(admin, { userId: "u", fingerprint: "0123456789" }),
    revokeUserSessions(admin, { userId: "u", reason: "x" }),
    revokeSelectedSessions(admin, { sessions: [{ userId: "u", fingerprint: "0123456789" }], reason: "x" }),
    unlinkAccount(admin, { userId: "u", provider: "github", providerAccountId: "1" }),
    deleteUser(admin, { userId: "u", reason: "x" }),
    purgeExpiredStep(admin, { reason: "x" }),
    undoAction(admin, "2026-01-01T00:00:00.000Z~x"),
    blockUser(admin, { userId: "u", reason: "x", duration: "1h" }),
    unblockUser(admin, { userId: "u" }),
  ];
  for (const call of calls) await assert.rejects(call, ReadOnlyError);
  const written = await dynamo.doc.scan({ TableName: gatehouse.tableName });
  assert.equal(written.Items?.length, 0, "not even an audit entry");
  assert.ok(await listUsers(admin, { pageSize: 25 }), "reads still work");
});
