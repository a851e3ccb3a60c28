import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import type { EditableUser } from "@/lib/features/edit-user/preview";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { testOperator } from "./operators";

/**
 * Edit user and its undo against DynamoDB Local, with users written by the real adapter and the
 * adapter's own lookups (getUserByEmail, getUserByAccount, getSessionAndUser) confirming the
 * result. Run once per key schema by the *.test.ts files beside the DAL.
 */
export function editUserSuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`edit-${names}`, names);
  const admin = testOperator("ana@ops.test", "admin");
  const otherAdmin = testOperator("bo@ops.test", "admin");
  const staleAdmin = testOperator("ana@ops.test", "admin", 60);
  const viewer = testOperator("vic@view.test", "viewer");
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let dal: {
    edit: typeof import("@/lib/features/edit-user/server");
    undo: typeof import("@/lib/features/undo/server");
    audit: typeof import("@/lib/features/audit/server");
    act: typeof import("@/lib/audit/act");
    detail: typeof import("@/lib/features/users/detail");
    authorize: typeof import("@/lib/auth/authorize");
    stepUp: typeof import("@/lib/auth/step-up");
  };

  const userKey = (id: string) => ({ [product.partitionKey]: `USER#${id}`, [product.sortKey]: `USER#${id}` });
  const rawUser = async (id: string) => (await dynamo.doc.get({ TableName: product.tableName, Key: userKey(id), ConsistentRead: true })).Item;
  const unique = (label: string) => `${label}-${randomUUID().slice(0, 6)}@example.com`;

  async function makeUser(label: string, options: { tokens?: number } = {}) {
    const email = unique(label);
    const user = await adapter.createUser!({
      id: "",
      email,
      emailVerified: new Date("2026-11-01T10:00:00.000Z"),
      name: `User ${label}`,
      image: "https://avatars.example.com/u/1.png",
    });
    const providerAccountId = `gh-${randomUUID()}`;
    await adapter.linkAccount!({ userId: user.id, type: "oauth", provider: "github", providerAccountId, access_token: "gho_secret", token_type: "bearer" });
    const sessionToken = randomUUID();
    await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
    for (let i = 0; i < (options.tokens ?? 0); i++)
      await adapter.createVerificationToken!({ identifier: email, token: `vt-${randomUUID()}`, expires: new Date(Date.now() + 600_000) });
    const seen: EditableUser = { email, name: `User ${label}`, image: "https://avatars.example.com/u/1.png", emailVerified: "2026-11-01T10:00:00.000Z" };
    return { id: user.id, email, providerAccountId, sessionToken, seen };
  }

  /** The user item is whole: its GSI1 keys are those of its email, in the configured names. */
  async function assertConsistent(id: string) {
    const item = await rawUser(id);
    assert.ok(item, "user item exists");
    assert.equal(item[product.indexPartitionKey], `USER#${item.email}`);
    assert.equal(item[product.indexSortKey], `USER#${item.email}`);
    return item;
  }

  async function tokensOf(email: string) {
    const { Items } = await dynamo.doc.query({
      TableName: product.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": product.partitionKey },
      ExpressionAttributeValues: { ":pk": `VT#${email}` },
      ConsistentRead: true,
    });
    return Items ?? [];
  }

  before(async () => {
    dynamo = await testDynamo();
    await useConsoleTables(dynamo, product);
    adapter = DynamoDBAdapter(dynamo.doc, product);
    dal = {
      edit: await import("@/lib/features/edit-user/server"),
      undo: await import("@/lib/features/undo/server"),
      audit: await import("@/lib/features/audit/server"),
      act: await import("@/lib/audit/act"),
      detail: await import("@/lib/features/users/detail"),
      authorize: await import("@/lib/auth/authorize"),
      stepUp: await import("@/lib/auth/step-up"),
    };
  });
  after(() => dynamo?.stop());

  describe(`Edit user (${names} key names)`, () => {
    test("an email change rewrites the GSI1 keys: the adapter finds the user by the new address only, and their accounts and sessions still resolve", async () => {
      const user = await makeUser("moved", { tokens: 2 });
      const next = unique("moved-new");
      const outcome = await dal.edit.editUser(admin, {
        userId: user.id,
        seen: user.seen,
        email: `  ${next.toUpperCase()} `,
        emailVerified: "clear",
        deleteOldTokens: true,
        reason: "ticket SUP-7: new address",
      });
      assert.equal(outcome.result, "ok");
      assert.equal(
        outcome.message,
        `Edited ${user.email}: email ${user.email} → ${next}; email verified 2026-11-01T10:00:00.000Z → not verified. Deleted 2 pending sign-in tokens of ${user.email}.`,
      );
      assert.ok(outcome.undoUntil);

      assert.equal((await adapter.getUserByEmail!(next))?.id, user.id);
      assert.equal(await adapter.getUserByEmail!(user.email), null);
      assert.equal((await adapter.getUserByAccount!({ provider: "github", providerAccountId: user.providerAccountId }))?.email, next);
      const session = await adapter.getSessionAndUser!(user.sessionToken);
      assert.equal(session?.user.id, user.id);
      assert.equal(session?.user.email, next);
      assert.equal(session?.user.emailVerified, null);
      const item = await assertConsistent(user.id);
      assert.equal(item.name, user.seen.name, "fields not edited stay");
      assert.equal(item.emailVerified, null);
      assert.equal((await tokensOf(user.email)).length, 0, "the old address's sign-in tokens are gone");

      const [entry] = (await dal.audit.listAudit(admin, { action: "edit-user", target: user.email }, { pageSize: 5 })).entries;
      assert.equal(entry?.result, "ok");
      assert.deepEqual(entry?.changes, {
        before: { email: user.email, emailVerified: "2026-11-01T10:00:00.000Z" },
        after: { email: next, emailVerified: null },
      });
      assert.equal(entry?.target.email, next);
      assert.equal(entry?.target.previousEmail, user.email);
      assert.equal(entry?.counts.verificationTokens, 2);
      assert.equal(entry?.reason, "ticket SUP-7: new address");
    });

    test("without the checkbox the old address's tokens stay", async () => {
      const user = await makeUser("kept-tokens", { tokens: 1 });
      await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: unique("kept-new") });
      assert.equal((await tokensOf(user.email)).length, 1);
    });

    test("name and image edits need no step-up; clearing removes the attribute; an email change does need it", async () => {
      const user = await makeUser("renamed");
      const outcome = await dal.edit.editUser(staleAdmin, { userId: user.id, seen: user.seen, name: "Ana María", image: null });
      assert.equal(outcome.message, `Edited ${user.email}: name "User renamed" → "Ana María"; image url https://avatars.example.com/u/1.png → empty.`);
      const item = await assertConsistent(user.id);
      assert.equal(item.name, "Ana María");
      assert.equal("image" in item, false);
      assert.equal((await adapter.getUser!(user.id))?.name, "Ana María");

      const seen = { ...user.seen, name: "Ana María", image: null };
      await assert.rejects(dal.edit.editUser(staleAdmin, { userId: user.id, seen, email: unique("stepped") }), dal.stepUp.StepUpRequiredError);
      assert.equal((await rawUser(user.id))?.email, user.email, "nothing written");
      assert.equal((await adapter.getUserByEmail!(user.email))?.id, user.id);
    });

    test("two email changes at once: exactly one wins, the other is told the email changed meanwhile, the item stays whole", async () => {
      const user = await makeUser("raced");
      const [a, b] = [unique("race-a"), unique("race-b")];
      const results = await Promise.allSettled([
        dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: a }),
        dal.edit.editUser(otherAdmin, { userId: user.id, seen: user.seen, email: b }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
      assert.ok(lost[0]!.reason instanceof dal.act.RefusedError);
      assert.match(lost[0]!.reason.message, /^The email changed meanwhile \(it is now race-[ab]-.*\): nothing was changed\./);
      const item = await assertConsistent(user.id);
      const winner = item.email as string;
      const loser = winner === a ? b : a;
      assert.equal((await adapter.getUserByEmail!(winner))?.id, user.id);
      assert.equal(await adapter.getUserByEmail!(loser), null);
      assert.equal(await adapter.getUserByEmail!(user.email), null);
      const entries = (await dal.audit.listAudit(admin, { action: "edit-user", target: user.id }, { pageSize: 5 })).entries;
      assert.deepEqual(entries.map((e) => e.result).sort(), ["ok", "refused"]);
    });

    test("an email another user holds is refused, names that user, and nothing is written", async () => {
      const user = await makeUser("wants");
      const holder = await makeUser("holds");
      const error = await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: holder.email.toUpperCase(), name: "Changed too" }).then(
        () => assert.fail("should be refused"),
        (e: unknown) => e,
      );
      assert.ok(error instanceof dal.edit.EmailTakenError);
      assert.equal(error.holderId, holder.id);
      assert.equal(error.message, `Another user already has the email ${holder.email}: nothing was changed.`);
      const item = await assertConsistent(user.id);
      assert.equal(item.email, user.email);
      assert.equal(item.name, user.seen.name);
      assert.equal((await adapter.getUserByEmail!(holder.email))?.id, holder.id);
    });

    test("a stale dialog (the user was edited since it opened) is refused and changes nothing", async () => {
      const user = await makeUser("stale");
      await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, name: "Newer name" });
      await assert.rejects(
        dal.edit.editUser(otherAdmin, { userId: user.id, seen: user.seen, image: "https://elsewhere.example.com/a.png" }),
        /^RefusedError: The user was edited meanwhile \(name\): nothing was changed/,
      );
      const item = await rawUser(user.id);
      assert.equal(item?.name, "Newer name");
      assert.equal(item?.image, user.seen.image);
    });

    test("viewers are refused in the DAL and nothing is written; a missing user is refused", async () => {
      const user = await makeUser("viewed");
      await assert.rejects(dal.edit.editUser(viewer, { userId: user.id, seen: user.seen, name: "Not mine" }), dal.authorize.ForbiddenError);
      assert.equal((await rawUser(user.id))?.name, user.seen.name);
      const missing = randomUUID();
      await assert.rejects(dal.edit.editUser(admin, { userId: missing, seen: user.seen, name: "Nobody" }), dal.act.RefusedError);
      assert.equal(await rawUser(missing), undefined);
    });

    test("a bad email given to the DAL directly is refused", async () => {
      const user = await makeUser("bad-email");
      await assert.rejects(dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: "not an email" }), /Enter one email address/);
      assert.equal((await rawUser(user.id))?.email, user.email);
    });
  });

  describe(`Undo of Edit user (${names} key names)`, () => {
    test("undo writes the previous values back, GSI1 keys included, once", async () => {
      const user = await makeUser("undone");
      const next = unique("undone-new");
      const edited = await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: next, name: "Temp" });
      await assert.rejects(dal.undo.undoAction(staleAdmin, edited.auditId), dal.stepUp.StepUpRequiredError);
      const outcome = await dal.undo.undoAction(admin, edited.auditId);
      assert.equal(outcome.result, "ok");
      assert.match(outcome.message, new RegExp(`^Restored ${user.email}: name "Temp" → "User undone"; email ${next} → ${user.email}\\.`));
      const item = await assertConsistent(user.id);
      assert.equal(item.email, user.email);
      assert.equal(item.name, user.seen.name);
      assert.equal((await adapter.getUserByEmail!(user.email))?.id, user.id);
      assert.equal(await adapter.getUserByEmail!(next), null);
      assert.equal((await adapter.getSessionAndUser!(user.sessionToken))?.user.email, user.email);
      await assert.rejects(dal.undo.undoAction(admin, edited.auditId), /already been undone/);
      const entry = (await dal.audit.listAudit(admin, { action: "undo", target: user.id }, { pageSize: 5 })).entries.find((e) => e.result === "ok");
      assert.equal(entry?.target.entryId, edited.auditId);
      assert.deepEqual(entry?.changes?.after, { name: "User undone", email: user.email });
    });

    test("undo after another change is refused and changes nothing", async () => {
      const user = await makeUser("changed-again");
      const edited = await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, name: "First" });
      await dal.edit.editUser(admin, { userId: user.id, seen: { ...user.seen, name: "First" }, name: "Second" });
      await assert.rejects(dal.undo.undoAction(admin, edited.auditId), /changed again since this edit/);
      assert.equal((await rawUser(user.id))?.name, "Second");
    });

    test("undo of an email change is refused when another user holds the old address now", async () => {
      const user = await makeUser("old-taken");
      const next = unique("old-taken-new");
      const edited = await dal.edit.editUser(admin, { userId: user.id, seen: user.seen, email: next });
      const newcomer = await adapter.createUser!({ id: "", email: user.email, emailVerified: null });
      await assert.rejects(dal.undo.undoAction(admin, edited.auditId), new RegExp(`Another user has the email ${user.email} now`));
      assert.equal((await assertConsistent(user.id)).email, next);
      assert.equal((await adapter.getUserByEmail!(user.email))?.id, newcomer.id);
    });
  });
}
