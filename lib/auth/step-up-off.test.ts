import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";

/** GATEHOUSE_STEP_UP_MINUTES=0 turns step-up off (its own file: the config is read once per process). */
const product = testSchema("stepup-off-product");
const gatehouse = testSchema("stepup-off-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_STEP_UP_MINUTES: "0" } });
});
after(() => dynamo?.stop());

test("with step-up off, an operator who signed in hours ago deletes a user", async () => {
  const adapter = DynamoDBAdapter(dynamo.doc, product);
  const user = await adapter.createUser!({ id: "", email: `${randomUUID().slice(0, 8)}@example.com`, emailVerified: new Date() });
  const { deleteUser } = await import("@/lib/features/delete-user/server");
  const outcome = await deleteUser(testOperator("ana@ops.test", "admin", 7 * 60), { userId: user.id, reason: "closing the account" });
  assert.equal(outcome.result, "ok");
  assert.equal(await adapter.getUser!(user.id), null);
});
