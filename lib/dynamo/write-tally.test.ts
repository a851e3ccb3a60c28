import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { tallyWrites } from "./write-tally";

let engine: Awaited<ReturnType<typeof testDynamo>>;
const schema = testSchema("write-tally");
before(async () => {
  engine = await testDynamo();
  await ensureTable(engine.raw, schema, { ttl: false });
});
after(() => engine.stop());

const key = (n: number) => ({ pk: `T#${n}`, sk: `T#${n}` });

test("counts each write request and the write units DynamoDB reports, across concurrent branches, and no reads", async () => {
  const TableName = schema.tableName;
  const { result, writes } = await tallyWrites(async () => {
    await Promise.all([1, 2, 3].map((n) => engine.doc.put({ TableName, Item: { ...key(n), v: n } })));
    await engine.doc.get({ TableName, Key: key(1) });
    await engine.doc.query({ TableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": "T#1" } });
    await engine.doc.update({ TableName, Key: key(1), UpdateExpression: "SET v = :v", ExpressionAttributeValues: { ":v": 9 } });
    await engine.doc.batchWrite({ RequestItems: { [TableName]: [2, 3].map((n) => ({ DeleteRequest: { Key: key(n) } })) } });
    await engine.raw.deleteItem({ TableName, Key: { pk: { S: "T#1" }, sk: { S: "T#1" } } });
    return "done";
  });
  assert.equal(result, "done");
  assert.equal(writes.requests, 6, "3 puts, 1 update, 1 batch write, 1 delete item");
  // Each item is under 1 KB, and GSI1 keys are absent: one unit per item written or deleted.
  assert.equal(writes.units, 7);
});

test("writes outside a tally are not counted and are sent as they were asked", async () => {
  const outside = await engine.doc.put({ TableName: schema.tableName, Item: { ...key(9) } });
  assert.equal(outside.ConsumedCapacity, undefined);
  const { writes } = await tallyWrites(async () => undefined);
  assert.deepEqual(writes, { requests: 0, units: 0 });
});
