import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { _Record } from "@aws-sdk/client-dynamodb-streams";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { lambdaEvent, streamedTable } from "@/test/support/stream-records";
import { readConsumerStatus } from "./consumer-status";
import { isoOf } from "./from-record";
import { readFigures } from "./store";
import { handleStreamBatch, progressShard } from "./stream-batch";

/**
 * The Lambda consumer's handler, invoked with real records read from DynamoDB Local's stream and
 * shaped as Lambda delivers them (times in epoch seconds), including a batch that fails part way.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let records: _Record[] = [];
const product = testSchema("activity-lambda-product");
const gatehouse = testSchema("activity-lambda-gatehouse");

before(async () => {
  dynamo = await testDynamo();
  const reader = await streamedTable(dynamo.raw, dynamo.endpoint, product);
  await ensureTable(dynamo.raw, gatehouse);
  const adapter = DynamoDBAdapter(dynamo.doc, product);
  for (let i = 0; i < 3; i++) {
    const user = await adapter.createUser!({ id: "", email: `lambda-${i}-${randomUUID().slice(0, 6)}@example.com`, emailVerified: null });
    await adapter.createSession!({ sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  }
  records = await reader.records();
  reader.stop();
});
after(() => dynamo?.stop());

const store = (tableSchema = gatehouse) => ({ doc: dynamo.doc, schema: tableSchema, retentionDays: 90, shards: 4 });
/** The figures in `table` over the days the records fall on (a run across midnight UTC spans two). */
async function figures(table = gatehouse) {
  const days = records.map((record) => record.dynamodb!.ApproximateCreationDateTime!.toISOString().slice(0, 10)).sort();
  const sum: Record<string, number> = {};
  for (const day of (await readFigures(store(table), days[0]!, days.at(-1)!)).values()) {
    for (const [name, value] of Object.entries(day)) sum[name] = (sum[name] ?? 0) + value;
  }
  return sum;
}

test("a batch that fails part way reports the record it stopped at; the retry from there stores everything once", async () => {
  assert.equal(records.length, 6);
  const logged: string[] = [];
  // The first two records go through; then Gatehouse's table is unreachable under that name.
  assert.deepEqual(await handleStreamBatch(lambdaEvent(records.slice(0, 2)), { product, store: store() }), { batchItemFailures: [] });
  const broken = await handleStreamBatch(lambdaEvent(records), {
    product,
    store: store({ ...gatehouse, tableName: "no-such-table" }),
    log: (m) => logged.push(m),
  });
  assert.deepEqual(broken, { batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber! }] });
  assert.match(logged[0] ?? "", /ResourceNotFoundException/);

  // Lambda delivers the batch again from the reported record: the first two are already stored.
  assert.deepEqual(await handleStreamBatch(lambdaEvent(records), { product, store: store() }), { batchItemFailures: [] });
  assert.deepEqual(await figures(), { events: 6, signUps: 3, sessionsCreated: 3, dau: 3 });
});

test("the Lambda leaves its progress where the status line reads it: the last stored record of its batches", async () => {
  const target = testSchema("activity-lambda-progress");
  await ensureTable(dynamo.raw, target);
  assert.deepEqual(await handleStreamBatch(lambdaEvent(records.slice(0, 4)), { product, store: store(target) }), { batchItemFailures: [] });
  const status = await readConsumerStatus(store(target), "lambda", "unknown");
  const last = records[3]!.dynamodb!;
  assert.deepEqual(
    status.shards.map(({ shardId, sequence, lastRecordAt, closed }) => ({ shardId, sequence, lastRecordAt, closed })),
    [
      {
        shardId: "lambda",
        sequence: last.SequenceNumber,
        lastRecordAt: isoOf(lambdaEvent([records[3]!]).Records[0]!.dynamodb!.ApproximateCreationDateTime),
        closed: false,
      },
    ],
  );
  assert.equal(status.lastRecordAt, status.shards[0]!.lastRecordAt);
  // A stream's ARN names no shard; one that did would get an item of its own.
  assert.equal(progressShard({ eventSourceARN: "arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2026-12-07T00:00:00.000" }), "lambda");
  assert.equal(
    progressShard({ eventSourceARN: "arn:aws:dynamodb:eu-west-1:123456789012:table/users/stream/2026-12-07T00:00:00.000/shard/shardId-1" }),
    "shardId-1",
  );
});

test("the Lambda entry point reads its tables and key names from the console's variables", async () => {
  const target = testSchema("activity-lambda-entry");
  await ensureTable(dynamo.raw, target);
  Object.assign(process.env, {
    AUTH_DYNAMODB_ENDPOINT: dynamo.endpoint,
    AUTH_DYNAMODB_ID: "local",
    AUTH_DYNAMODB_SECRET: "local",
    AUTH_DYNAMODB_TABLE: product.tableName,
    GATEHOUSE_TABLE: target.tableName,
    GATEHOUSE_ACTIVITY: "lambda",
    GATEHOUSE_ACTIVITY_SHARDS: "2",
  });
  const { handler } = await import("./lambda");
  assert.deepEqual(await handler(lambdaEvent(records)), { batchItemFailures: [] });
  assert.deepEqual(await figures(target), { events: 6, signUps: 3, sessionsCreated: 3, dau: 3 });
});
