import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreams, type Shard } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { createTableInput, ensureTable, TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { outageEngine } from "@/test/support/outage-engine";
import { streamedTable } from "@/test/support/stream-records";
import { type Checkpoint, consumerKeys } from "./checkpoints";
import { readConsumerStatus } from "./consumer-status";
import { backoffMs, fromSdkRecord, lostCheckpoints, type PollerOptions, readableShards, startPoller } from "./poller";
import type { ActivityStore } from "./store";

/**
 * The in-process stream consumer against DynamoDB Local: real stream records written by the real
 * adapter, read, stored and checkpointed; a store that fails part way, an outage, two readers,
 * a checkpoint the stream no longer has. The shard ordering is tested on DescribeStream's shape.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

type Clients = { raw: DynamoDB; doc: DynamoDBDocument; endpoint: string };

const streamsAt = (endpoint: string) =>
  new DynamoDBStreams({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 2 });

/** A product table with its stream on, Gatehouse's table, and the adapter writing to the product's. */
async function tables(clients: Clients, label: string, names: "default" | "custom" = "default") {
  const product = testSchema(`poller-${label}`);
  const gatehouse = testSchema(`poller-${label}-gatehouse`, names);
  const reader = await streamedTable(clients.raw, clients.endpoint, product);
  await ensureTable(clients.raw, gatehouse);
  const store: ActivityStore = { doc: clients.doc, schema: gatehouse, retentionDays: 90, shards: 4 };
  return { product, gatehouse, store, reader, adapter: DynamoDBAdapter(clients.doc, product) };
}

/** Adapter writes that give one event each: sign-up, session made, link requested, link used, session ended. */
async function writes(adapter: ReturnType<typeof DynamoDBAdapter>, tokens: string[] = []): Promise<number> {
  const email = `poller-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: null });
  const sessionToken = randomUUID();
  const linkToken = randomUUID();
  tokens.push(sessionToken, linkToken);
  await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  await adapter.createVerificationToken!({ identifier: email, token: linkToken, expires: new Date(Date.now() + 600_000) });
  await adapter.useVerificationToken!({ identifier: email, token: linkToken });
  await adapter.deleteSession!(sessionToken);
  return 5;
}

/** The events stored in Gatehouse's table (a test may scan; the consumer never does). */
async function storedEvents(doc: DynamoDBDocument, schema: TableSchema): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.scan({ TableName: schema.tableName, ExclusiveStartKey: start, ConsistentRead: true });
    events.push(...(page.Items ?? []).filter((item) => /^ACTIVITY#\d{4}-\d{2}-\d{2}#\d+$/.test(String(item[schema.partitionKey]))));
    start = page.LastEvaluatedKey;
  } while (start);
  return events;
}

/** Polls `check` until it gives a value, for at most `limitMs`: the waits here wait on a condition, never for a time. */
async function until<T>(what: string, check: () => Promise<T | undefined>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${limitMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const eventCount = (doc: DynamoDBDocument, schema: TableSchema, count: number) => async () =>
  (await storedEvents(doc, schema)).length >= count ? true : undefined;

/** Quick settings for tests: reads every 100 ms, looks again at shards and leases every 200 ms, short backoff. */
function poller(options: Omit<PollerOptions, "pollMs" | "refreshMs" | "backoff"> & Partial<PollerOptions>) {
  return startPoller({ pollMs: 100, refreshMs: 200, backoff: { firstMs: 100, maxMs: 1000 }, ...options });
}

describe("the activity poller on DynamoDB Local", () => {
  test("every adapter write reaches storage once; the checkpoint holds the last record's sequence number (custom key names)", async () => {
    const { product, gatehouse, store, reader, adapter } = await tables({ ...dynamo }, "events", "custom");
    const logs: string[] = [];
    const tokens: string[] = [];
    const streams = streamsAt(dynamo.endpoint);
    const running = poller({ product, store, tables: dynamo.raw, streams, holder: "one", log: (m) => logs.push(m) });
    try {
      let written = await writes(adapter, tokens);
      written += await writes(adapter, tokens);
      await until("every event stored", eventCount(dynamo.doc, gatehouse, written));
      const records = await reader.records();
      assert.equal(records.length, written, "one record per write");
      const last = records.at(-1)!.dynamodb!;
      const status = await until("the checkpoint at the last record", async () => {
        const read = await readConsumerStatus(store, "poll", running.stream());
        return read.shards[0]?.sequence === last.SequenceNumber ? read : undefined;
      });
      assert.equal(status.stream, "on");
      assert.equal(status.shards.length, 1);
      assert.equal(status.shards[0]!.holder, "one");
      assert.equal(status.shards[0]!.closed, false);
      assert.equal(status.lastRecordAt, last.ApproximateCreationDateTime!.toISOString());
      assert.ok(status.checkpointAt);
      assert.deepEqual(status.gaps, []);

      const events = await storedEvents(dynamo.doc, gatehouse);
      assert.equal(events.length, written, "nothing stored twice");
      assert.deepEqual(
        events.map((event) => event.type).sort(),
        ["link-requested", "link-used", "session-created", "session-ended", "sign-up"].flatMap((type) => [type, type]),
      );
      // The consumer's items live under the configured key names.
      const { Item } = await dynamo.doc.get({ TableName: gatehouse.tableName, Key: consumerKeys(gatehouse).checkpoint(status.shards[0]!.shardId) });
      assert.equal(Item?.PK, "ACTIVITY#CONSUMER");
      assert.equal(Item?.pk, undefined);
    } finally {
      await running.stop();
      reader.stop();
      streams.destroy();
    }
    assert.deepEqual(
      (await readConsumerStatus(store, "poll", "on")).shards.map((shard) => shard.holder),
      [undefined],
      "the lease is given back on stop",
    );
    for (const token of tokens) assert.ok(!logs.some((line) => line.includes(token)), "no token in the log");
  });

  test("killed mid-batch and started again: every write stored exactly once, nothing lost", async () => {
    const { product, gatehouse, store, reader, adapter } = await tables({ ...dynamo }, "restart");
    const written = (await writes(adapter)) + (await writes(adapter));
    // The consumer dies part way through writing its first batch: DynamoDB has written three of
    // its events when the request fails; every later event write fails too.
    let eventWrites = 0;
    type BatchWrite = Parameters<DynamoDBDocument["batchWrite"]>[0];
    const failing = new Proxy(store.doc, {
      get(target, property, receiver) {
        if (property !== "batchWrite") return Reflect.get(target, property, receiver);
        return async (input: BatchWrite) => {
          const requests = Object.values(input.RequestItems ?? {}).flat();
          const events = requests.filter((request) => /^ACTIVITY#\d{4}-/.test(String(request.PutRequest?.Item?.pk)));
          if (!events.length) return target.batchWrite(input);
          const through = events.slice(0, Math.max(0, 3 - eventWrites));
          eventWrites += through.length;
          if (through.length) await target.batchWrite({ RequestItems: { [store.schema.tableName]: through } });
          throw Object.assign(new Error("injected"), { name: "InjectedFailure" });
        };
      },
    });
    const logs: string[] = [];
    const streams = streamsAt(dynamo.endpoint);
    const first = poller({ product, store: { ...store, doc: failing }, tables: dynamo.raw, streams, holder: "first", log: (m) => logs.push(m) });
    await until("the injected failure", async () => (logs.some((line) => line.includes("InjectedFailure")) ? true : undefined));
    await first.stop();
    const records = await reader.records();
    const stopped = await readConsumerStatus(store, "poll", "on");
    assert.equal(stopped.shards[0]?.sequence, undefined, "nothing checkpointed past a batch that failed");
    assert.equal((await storedEvents(dynamo.doc, gatehouse)).length, 3);
    assert.ok(records.length > 3);

    const second = poller({ product, store, tables: dynamo.raw, streams, holder: "second", log: (m) => logs.push(m) });
    try {
      await until("every event stored", eventCount(dynamo.doc, gatehouse, written));
      await until("the checkpoint at the last record", async () =>
        (await readConsumerStatus(store, "poll", "on")).shards[0]?.sequence === records.at(-1)!.dynamodb!.SequenceNumber ? true : undefined,
      );
    } finally {
      await second.stop();
      reader.stop();
      streams.destroy();
    }
    assert.equal((await storedEvents(dynamo.doc, gatehouse)).length, written, "no duplicates, nothing lost");
  });

  test("two readers on one table: one reads the shard; when it stops, the other takes over; each event stored once", async () => {
    const { product, gatehouse, store, reader, adapter } = await tables({ ...dynamo }, "two");
    const reads = new Map<string, number>();
    /** A streams client that counts its holder's GetRecords calls (they go to DynamoDB Local as they are). */
    const counted = (holder: string) => {
      const streams = streamsAt(dynamo.endpoint);
      const getRecords = streams.getRecords.bind(streams) as (input: { ShardIterator: string; Limit?: number }) => ReturnType<DynamoDBStreams["getRecords"]>;
      Object.assign(streams, {
        getRecords: (input: { ShardIterator: string; Limit?: number }) => {
          reads.set(holder, (reads.get(holder) ?? 0) + 1);
          return getRecords(input);
        },
      });
      return streams;
    };
    const [streamsA, streamsB] = [counted("a"), counted("b")];
    const logs: string[] = [];
    const a = poller({ product, store, tables: dynamo.raw, streams: streamsA, holder: "a", log: (m) => logs.push(m) });
    const b = poller({ product, store, tables: dynamo.raw, streams: streamsB, holder: "b", log: (m) => logs.push(m) });
    let bStopped = false;
    try {
      let written = await writes(adapter);
      await until("the first writes stored", eventCount(dynamo.doc, gatehouse, written));
      const status = await readConsumerStatus(store, "poll", "on");
      const holder = status.shards[0]?.holder;
      assert.ok(holder === "a" || holder === "b", `a holder, not ${holder}`);
      const other = holder === "a" ? "b" : "a";
      assert.ok((reads.get(holder) ?? 0) > 0);
      assert.equal(reads.get(other) ?? 0, 0, "the other reader never read the shard it does not hold");

      // The holder stops and gives its lease back; the other carries on from its checkpoint.
      await (holder === "a" ? a : b).stop();
      if (holder === "b") bStopped = true;
      written += await writes(adapter);
      await until("the later writes stored", eventCount(dynamo.doc, gatehouse, written));
      assert.ok((reads.get(other) ?? 0) > 0, "the other reader took over");
      assert.equal((await readConsumerStatus(store, "poll", "on")).shards[0]?.holder, other);
      assert.equal((await storedEvents(dynamo.doc, gatehouse)).length, written, "each event stored once");
    } finally {
      await a.stop();
      if (!bStopped) await b.stop();
      reader.stop();
      streamsA.destroy();
      streamsB.destroy();
    }
  });

  test("a checkpoint the stream no longer has: read again from the oldest record, and a gap the pages can show", async () => {
    const { product, gatehouse, store, reader, adapter } = await tables({ ...dynamo }, "gap");
    const written = await writes(adapter);
    const streams = streamsAt(dynamo.endpoint);
    const { StreamDescription } = await streams.describeStream({
      StreamArn: (await dynamo.raw.describeTable({ TableName: product.tableName })).Table!.LatestStreamArn!,
    });
    const shardId = StreamDescription!.Shards![0]!.ShardId!;
    const keys = consumerKeys(gatehouse);
    const old = "2026-01-02T03:04:05.000Z";
    // A sequence number DynamoDB Local refuses for the shard (AWS says TrimmedDataAccessException
    // for one older than 24 hours), and a checkpoint of a shard the stream no longer lists.
    await dynamo.doc.put({
      TableName: gatehouse.tableName,
      Item: { ...keys.checkpoint(shardId), shardId, sequence: "0".repeat(21), lastRecordAt: old, checkpointAt: old, consumer: "poll" },
    });
    const gone = "shardId-00000000000000000000-00000000";
    await dynamo.doc.put({
      TableName: gatehouse.tableName,
      Item: { ...keys.checkpoint(gone), shardId: gone, sequence: "1".padStart(21, "0"), lastRecordAt: "2026-01-01T00:00:00.000Z", consumer: "poll" },
    });
    const logs: string[] = [];
    const running = poller({ product, store, tables: dynamo.raw, streams, holder: "gap", log: (m) => logs.push(m) });
    try {
      await until("every event stored from the oldest record", eventCount(dynamo.doc, gatehouse, written));
      const last = (await reader.records()).at(-1)!.dynamodb!.SequenceNumber;
      const status = await until("the checkpoint moved on", async () => {
        const read = await readConsumerStatus(store, "poll", "on");
        return read.shards.find((shard) => shard.shardId === shardId)?.sequence === last ? read : undefined;
      });
      assert.deepEqual(
        status.gaps.map(({ shardId: id, lastRecordAt }) => ({ shardId: id, lastRecordAt })).sort((x, y) => x.shardId.localeCompare(y.shardId)),
        [
          { shardId: gone, lastRecordAt: "2026-01-01T00:00:00.000Z" },
          { shardId, lastRecordAt: old },
        ].sort((x, y) => x.shardId.localeCompare(y.shardId)),
      );
      assert.ok(status.gaps[0]!.at >= status.gaps[1]!.at, "newest first");
      assert.deepEqual(
        status.shards.map((shard) => shard.shardId),
        [shardId],
        "the lost shard's checkpoint is gone with its gap",
      );
      // Gaps expire with the activity they interrupt.
      const { Items } = await dynamo.doc.query({
        TableName: gatehouse.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :gap)",
        ExpressionAttributeNames: { "#pk": gatehouse.partitionKey, "#sk": gatehouse.sortKey },
        ExpressionAttributeValues: { ":pk": "ACTIVITY#CONSUMER", ":gap": "GAP#" },
      });
      for (const item of Items ?? []) {
        const days = (Number(item[TTL_ATTRIBUTE]) - Date.parse(String(item.at)) / 1000) / 86_400;
        assert.ok(Math.abs(days - store.retentionDays) < 0.01, `expires after the retention, not ${days} days`);
      }
      assert.equal(logs.filter((line) => line.includes("gap")).length, 2);
    } finally {
      await running.stop();
      reader.stop();
      streams.destroy();
    }
    assert.equal((await storedEvents(dynamo.doc, gatehouse)).length, written);
  });

  test("a product table without a stream: nothing is read and the status says so", async () => {
    const product = testSchema("poller-nostream");
    const gatehouse = testSchema("poller-nostream-gatehouse");
    await dynamo.raw.createTable(createTableInput(product));
    await ensureTable(dynamo.raw, gatehouse);
    const store: ActivityStore = { doc: dynamo.doc, schema: gatehouse, retentionDays: 90, shards: 4 };
    const logs: string[] = [];
    const streams = streamsAt(dynamo.endpoint);
    const running = poller({ product, store, tables: dynamo.raw, streams, holder: "none", log: (m) => logs.push(m) });
    try {
      await until("the stream found off", async () => (running.stream() === "off" ? true : undefined));
      const status = await readConsumerStatus(store, "poll", running.stream());
      assert.deepEqual(status, { mode: "poll", stream: "off", shards: [], gaps: [] });
      assert.match(logs.join("\n"), /no stream/);
    } finally {
      await running.stop();
      streams.destroy();
    }
  });
});

test("a DynamoDB outage: the poller backs off, resumes, and stores what was written meanwhile", async () => {
  const engine = outageEngine("poller");
  await engine.start();
  const clients = { ...engine.clients(), endpoint: engine.endpoint };
  const logs: string[] = [];
  const streams = streamsAt(engine.endpoint);
  const { product, gatehouse, store, reader, adapter } = await tables(clients, "outage");
  const running = poller({ product, store, tables: clients.raw, streams, holder: "outage", log: (m) => logs.push(m) });
  try {
    let written = await writes(adapter);
    await until("the first writes stored", eventCount(clients.doc, gatehouse, written));
    await engine.stop();
    await until("the poller finds DynamoDB gone", async () => (logs.some((line) => line.includes("stream not read")) ? true : undefined));
    await engine.restart();
    // Written before the poller's next attempt (it is backing off).
    written += await writes(adapter);
    await until("the writes made after the outage stored", eventCount(clients.doc, gatehouse, written), 40_000);
    // Named only (ECONNREFUSED, or ECONNRESET for a call the stop cut off), never with a message.
    const failures = logs.filter((line) => line.includes("stream not read"));
    assert.ok(failures.length > 0 && failures.every((line) => /stream not read: \w+( E[A-Z_]+)?;/.test(line)), `the failure is named: ${failures.join(" | ")}`);
    // Said once the round that stored them returns, which may be a moment after the events are visible.
    await until("the poller says it reads again", async () => (logs.some((line) => line.startsWith("[activity] reading the stream again")) ? true : undefined));
    assert.equal((await storedEvents(clients.doc, gatehouse)).length, written, "nothing lost, nothing twice");
  } finally {
    await running.stop();
    reader.stop();
    streams.destroy();
    clients.raw.destroy();
    await engine.dispose();
  }
});

describe("which shards are read, parents first", () => {
  // As DescribeStream lists them: a parent closed (an ending sequence number), its two children,
  // a grandchild, and a shard whose parent the stream has already dropped.
  const shards: Shard[] = [
    { ShardId: "shardId-1-a", SequenceNumberRange: { StartingSequenceNumber: "100", EndingSequenceNumber: "199" } },
    { ShardId: "shardId-2-b", ParentShardId: "shardId-1-a", SequenceNumberRange: { StartingSequenceNumber: "200", EndingSequenceNumber: "299" } },
    { ShardId: "shardId-2-c", ParentShardId: "shardId-1-a", SequenceNumberRange: { StartingSequenceNumber: "210" } },
    { ShardId: "shardId-3-d", ParentShardId: "shardId-2-b", SequenceNumberRange: { StartingSequenceNumber: "300" } },
    { ShardId: "shardId-2-e", ParentShardId: "shardId-0-trimmed", SequenceNumberRange: { StartingSequenceNumber: "220" } },
  ];
  const closed = (...ids: string[]) => new Map(ids.map((id) => [id, { closed: true }]));

  test("a child waits until its parent is finished or gone from the stream", () => {
    assert.deepEqual(readableShards(shards, new Map()), ["shardId-1-a", "shardId-2-e"]);
    assert.deepEqual(readableShards(shards, new Map([["shardId-1-a", { closed: false }]])), ["shardId-1-a", "shardId-2-e"]);
    assert.deepEqual(readableShards(shards, closed("shardId-1-a")), ["shardId-2-b", "shardId-2-c", "shardId-2-e"]);
    assert.deepEqual(readableShards(shards, closed("shardId-1-a", "shardId-2-b")), ["shardId-2-c", "shardId-3-d", "shardId-2-e"]);
  });

  test("in whatever order the listing comes, parents come first", () => {
    const reversed = [...shards].reverse();
    assert.deepEqual(readableShards(reversed, closed("shardId-1-a")), ["shardId-2-e", "shardId-2-c", "shardId-2-b"]);
    // Once the parent is gone from the listing, its children are read without waiting.
    assert.deepEqual(readableShards(shards.slice(1), new Map()), ["shardId-2-b", "shardId-2-c", "shardId-2-e"]);
  });

  test("checkpoints left unfinished on shards the stream dropped are lost; finished ones and the Lambda's notes are not", () => {
    const checkpoint = (shardId: string, fields: Partial<Checkpoint> = {}): [string, Checkpoint] => [
      shardId,
      { shardId, closed: false, consumer: "poll", ...fields },
    ];
    const checkpoints = new Map([
      checkpoint("shardId-2-b", { sequence: "250" }),
      checkpoint("shardId-0-trimmed", { sequence: "50" }),
      checkpoint("shardId-0-finished", { closed: true }),
      checkpoint("lambda", { consumer: "lambda" }),
    ]);
    assert.deepEqual(
      lostCheckpoints(shards, checkpoints).map((lost) => lost.shardId),
      ["shardId-0-trimmed"],
    );
  });
});

test("backoff doubles from its first wait to its cap, with jitter in the upper half", () => {
  assert.equal(
    backoffMs(1, 500, 30_000, () => 1),
    500,
  );
  assert.equal(
    backoffMs(1, 500, 30_000, () => 0),
    250,
  );
  assert.equal(
    backoffMs(4, 500, 30_000, () => 1),
    4000,
  );
  assert.equal(
    backoffMs(20, 500, 30_000, () => 1),
    30_000,
  );
  assert.equal(
    backoffMs(20, 500, 30_000, () => 0),
    15_000,
  );
});

test("an SDK record takes the shape both consumers map: its identity's capitalised fields are read", () => {
  const record = fromSdkRecord({
    eventName: "REMOVE",
    userIdentity: { Type: "Service", PrincipalId: "dynamodb.amazonaws.com" },
    dynamodb: { SequenceNumber: "1".padStart(21, "0") },
  });
  assert.deepEqual(record.userIdentity, { type: "Service", principalId: "dynamodb.amazonaws.com" });
});
