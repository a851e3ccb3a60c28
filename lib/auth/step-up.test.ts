import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import { fingerprint } from "@/lib/secrets";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/**
 * Step-up in the data layer, called directly (as a forged POST to a server action would):
 * with GATEHOUSE_STEP_UP_MINUTES at its default of 15, Delete user, Purge expired (every step of
 * it), the doctor's repairs and Undo need a sign-in within the last 15 minutes; revokes and
 * unlink do not.
 */
const product = testSchema("stepup-product");
const gatehouse = testSchema("stepup-gatehouse");
const fresh = testOperator("ana@ops.test", "admin", 1);
const stale = testOperator("ana@ops.test", "admin", 16);
const { session: _, ...sessionless } = fresh;
const staleViewer = testOperator("vic@view.test", "viewer", 16);

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let adapter: Adapter;
let dal: {
  revoke: typeof import("@/lib/features/revoke/server");
  unlink: typeof import("@/lib/features/unlink/server");
  deleteUser: typeof import("@/lib/features/delete-user/server");
  undo: typeof import("@/lib/features/undo/server");
  purge: typeof import("@/lib/features/purge/server");
  doctor: typeof import("@/lib/features/doctor/server");
};
let errors: {
  StepUpRequiredError: typeof import("@/lib/auth/step-up").StepUpRequiredError;
  ForbiddenError: typeof import("@/lib/auth/authorize").ForbiddenError;
};

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse });
  adapter = DynamoDBAdapter(dynamo.doc, product);
  dal = {
    revoke: await import("@/lib/features/revoke/server"),
    unlink: await import("@/lib/features/unlink/server"),
    deleteUser: await import("@/lib/features/delete-user/server"),
    undo: await import("@/lib/features/undo/server"),
    purge: await import("@/lib/features/purge/server"),
    doctor: await import("@/lib/features/doctor/server"),
  };
  errors = {
    StepUpRequiredError: (await import("@/lib/auth/step-up")).StepUpRequiredError,
    ForbiddenError: (await import("@/lib/auth/authorize")).ForbiddenError,
  };
});
after(() => dynamo?.stop());

async function makeUser(options: { expired?: boolean } = {}) {
  const email = `${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Step Up" });
  await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId: `gh-${user.id}`, access_token: `at-${randomUUID()}` });
  const tokens = [randomUUID(), randomUUID()];
  for (const sessionToken of tokens) {
    await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + (options.expired ? -3600_000 : 3600_000)) });
  }
  return { id: user.id, email, tokens };
}

const exists = async (userId: string) => Boolean((await adapter.getUser!(userId)) ?? null);

describe("step-up", () => {
  test("a stale operator is refused Delete user, Purge expired, the doctor's repairs and Undo, and nothing changes", async () => {
    const a = await makeUser();
    const expired = await makeUser({ expired: true });
    const deleted = await dal.deleteUser.deleteUser(fresh, { userId: (await makeUser()).id, reason: "to undo later" });
    for (const operator of [stale, sessionless]) {
      const calls = [
        () => dal.deleteUser.deleteUser(operator, { userId: a.id, reason: "closing the account" }),
        () => dal.purge.purgeExpiredStep(operator, { reason: "tidy up" }),
        () => dal.doctor.repairFinding(operator, { finding: "expired-items", reason: "tidy up" }),
        () => dal.undo.undoAction(operator, deleted.auditId),
      ];
      for (const call of calls) {
        await assert.rejects(call(), (error) => {
          assert.ok(error instanceof errors.StepUpRequiredError);
          assert.ok(error instanceof errors.ForbiddenError, "refused like any other authorization");
          assert.match(error.message, /sign in again/i);
          return true;
        });
      }
    }
    assert.ok(await exists(a.id));
    assert.ok(await adapter.getSessionAndUser!(a.tokens[0]!));
    const expiredLeft = await dynamo.doc.query({
      TableName: product.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `USER#${expired.id}` },
    });
    assert.equal(expiredLeft.Items?.length, 4, "expired sessions are still there");
  });

  test("the role is checked first: a stale viewer is refused for the role, not for step-up", async () => {
    const a = await makeUser();
    await assert.rejects(dal.deleteUser.deleteUser(staleViewer, { userId: a.id, reason: "x" }), (error) => {
      assert.ok(error instanceof errors.ForbiddenError);
      assert.ok(!(error instanceof errors.StepUpRequiredError));
      return true;
    });
  });

  test("a fresh operator deletes and undoes; revokes and unlink stay one click away for a stale one", async () => {
    const a = await makeUser();
    const outcome = await dal.deleteUser.deleteUser(fresh, { userId: a.id, reason: "closing the account" });
    assert.equal(outcome.result, "ok");
    assert.equal(await exists(a.id), false);
    await dal.undo.undoAction(fresh, outcome.auditId);
    assert.ok(await exists(a.id));

    const b = await makeUser();
    assert.equal((await dal.revoke.revokeSession(stale, { userId: b.id, fingerprint: fingerprint(b.tokens[0]!) })).result, "ok");
    assert.equal((await dal.revoke.revokeUserSessions(stale, { userId: b.id, reason: "incident" })).result, "ok");
    assert.equal(
      (await dal.revoke.revokeSelectedSessions(stale, { sessions: [{ userId: b.id, fingerprint: fingerprint(b.tokens[1]!) }], reason: "incident" })).result,
      "ok",
    );
    assert.equal(
      (await dal.unlink.unlinkAccount(stale, { userId: b.id, provider: "github", providerAccountId: `gh-${b.id}`, reason: "incident" })).result,
      "ok",
    );
  });

  test("a cursor does not stand in for step-up: a stale operator's later purge step is refused and deletes nothing; signed in again, it continues the run", async () => {
    await makeUser({ expired: true });
    await makeUser({ expired: true });
    const first = await dal.purge.purgeExpiredStep(fresh, { reason: "tidy up", step: 1 });
    assert.equal(first.done, false);
    const count = async () => (await dynamo.doc.scan({ TableName: product.tableName })).Items!.length;
    const before = await count();
    await assert.rejects(dal.purge.purgeExpiredStep(stale, { reason: "tidy up", cursor: first.cursor!, step: 1 }), errors.StepUpRequiredError);
    await assert.rejects(dal.purge.purgeExpiredStep(sessionless, { reason: "tidy up", cursor: first.cursor!, step: 1 }), errors.StepUpRequiredError);
    assert.equal(await count(), before, "nothing deleted");
    const later = await dal.purge.purgeExpiredStep(testOperator("ana@ops.test", "admin", 0), { reason: "tidy up", cursor: first.cursor!, step: 1 });
    assert.ok(later.scanned > first.scanned);
  });
});
