import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { ensureTable } from "@/lib/dynamo/table-health";
import { inProcessConsoleEnv, testDynamo, testSchema } from "@/test/support/dynamo";
import { streamedTable } from "@/test/support/stream-records";
import { readConsumerStatus } from "./consumer-status";
import { pollerStream, startActivityPoller } from "./start-poller";

/** The server's start: the poller runs once per process when GATEHOUSE_ACTIVITY is poll, on the console's tables. */
let dynamo: Awaited<ReturnType<typeof testDynamo>> | undefined;
after(() => dynamo?.stop());

test("GATEHOUSE_ACTIVITY=poll starts one poller per process, reading the console's product table into its Gatehouse table", async () => {
  dynamo = await testDynamo();
  const product = testSchema("start-poller-product");
  const gatehouse = testSchema("start-poller-gatehouse");
  const reader = await streamedTable(dynamo.raw, dynamo.endpoint, product);
  reader.stop();
  await ensureTable(dynamo.raw, gatehouse);
  Object.assign(process.env, inProcessConsoleEnv(dynamo.endpoint, product, gatehouse.tableName), { GATEHOUSE_ACTIVITY: "off" });
  assert.equal(startActivityPoller(), undefined, "off: no poller");
  assert.equal(pollerStream(), "unknown");

  process.env.GATEHOUSE_ACTIVITY = "poll";
  const poller = startActivityPoller();
  assert.ok(poller);
  try {
    assert.equal(startActivityPoller(), poller, "once per process");
    const user = await DynamoDBAdapter(dynamo.doc, product).createUser!({
      id: "",
      email: `start-${randomUUID().slice(0, 8)}@example.com`,
      emailVerified: null,
    });
    const store = { doc: dynamo.doc, schema: gatehouse, retentionDays: 90, shards: 8 };
    for (const deadline = Date.now() + 20_000; ; ) {
      const status = await readConsumerStatus(store, "poll", pollerStream());
      if (status.shards[0]?.sequence) {
        assert.equal(status.stream, "on");
        break;
      }
      if (Date.now() > deadline) throw new Error(`the sign-up of ${user.id} was not read within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await poller.stop();
  }
});
