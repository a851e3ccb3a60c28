import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { activityKeys } from "./keys";
import type { ActivityEvent } from "./schema";
import { type ActivityStore, readFigures, recountDay, storeEvents } from "./store";

/** Storing events in Gatehouse's table on DynamoDB Local: once each, counted once each, repairable. Both schemas. */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

const DAY = "2026-11-03";
let sequence = 0;
function event(type: ActivityEvent["type"], fields: Partial<ActivityEvent> = {}): ActivityEvent {
  sequence++;
  return { id: `${String(sequence).padStart(21, "0")}#0`, type, at: `${DAY}T10:${String(sequence % 60).padStart(2, "0")}:00.000Z`, by: "product", ...fields };
}

for (const names of ["default", "custom"] as const) {
  describe(`activity storage (${names} key names)`, () => {
    let store: ActivityStore;
    const day: ActivityEvent[] = [];

    before(async () => {
      const schema = testSchema(`activity-store-${names}`, names);
      await ensureTable(dynamo.raw, schema);
      store = { doc: dynamo.doc, schema, retentionDays: 90, shards: 4 };
      const [u1, u2, u3] = [randomUUID(), randomUUID(), randomUUID()];
      day.push(
        event("sign-up", { userId: u1 }),
        event("sign-up", { userId: u2 }),
        event("sign-up", { userId: u3 }),
        event("sign-in", { userId: u1, provider: "github" }),
        event("sign-in", { userId: u1, provider: "google" }),
        event("sign-in", { userId: u2, provider: "github" }),
        event("link-requested", { identifier: "a@example.com", fingerprint: "0123456789" }),
        event("link-requested", { identifier: "b@example.com", fingerprint: "9876543210" }),
        event("link-used", { identifier: "a@example.com", fingerprint: "0123456789" }),
        event("session-created", { userId: u3, fingerprint: "aaaaaaaaaa" }),
        event("user-blocked", { userId: u2, by: "gatehouse" }),
      );
    });

    const expected = {
      events: 11,
      signUps: 3,
      signIns: 3,
      "signIns:github": 2,
      "signIns:google": 1,
      linksRequested: 2,
      linksUsed: 1,
      sessionsCreated: 1,
      dau: 3,
    };

    test("each event is stored and counted once; the day's figures and its active users are exact", async () => {
      assert.deepEqual(await storeEvents(store, day), { stored: day.length, duplicates: 0 });
      const figures = await readFigures(store, DAY, DAY);
      assert.deepEqual(figures.get(DAY), expected);
      assert.deepEqual((await readFigures(store, "2026-11", "2026-11")).get("2026-11"), { mau: 3 });
    });

    test("a batch delivered again stores and counts nothing twice", async () => {
      // What was stored is asked strongly consistent: on AWS an eventually consistent read a moment
      // after the first delivery may miss its puts, and they would be counted again.
      const asked: unknown[] = [];
      const watching = new Proxy(store.doc, {
        get(target, name, receiver) {
          if (name !== "batchGet") return Reflect.get(target, name, receiver);
          return (input: Parameters<typeof target.batchGet>[0]) => {
            asked.push(...Object.values(input.RequestItems ?? {}).map((request) => request.ConsistentRead));
            return target.batchGet(input);
          };
        },
      });
      assert.deepEqual(await storeEvents({ ...store, doc: watching }, day), { stored: 0, duplicates: day.length });
      assert.deepEqual((await readFigures(store, DAY, DAY)).get(DAY), expected);
      assert.ok(asked.length > 0 && asked.every((consistent) => consistent === true), `strongly consistent: ${JSON.stringify(asked)}`);
    });

    test("a crash between an event's put and its counts leaves a gap, and recounting the day closes it", async () => {
      const keys = activityKeys(store.schema);
      const late = event("sign-in", { userId: day[2]!.userId, provider: "github" });
      // What a crash right after the put leaves: the event, without its counts.
      await store.doc.put({ TableName: store.schema.tableName, Item: { ...keys.event(late, store.shards), ...late } });
      assert.equal((await readFigures(store, DAY, DAY)).get(DAY)?.signIns, 3, "short by the crashed one, never long");
      const recounted = await recountDay(store, DAY);
      const fixed = { ...expected, events: 12, signIns: 4, "signIns:github": 3 };
      assert.deepEqual(recounted, fixed);
      assert.deepEqual((await readFigures(store, DAY, DAY)).get(DAY), fixed);
      // And the delivery that follows the crash finds the event stored: nothing counted twice.
      assert.deepEqual(await storeEvents(store, [late]), { stored: 0, duplicates: 1 });
    });

    test("one user's events are one Query on the index, oldest first", async () => {
      const keys = activityKeys(store.schema);
      const userId = day[0]!.userId!;
      const page = await store.doc.query({
        TableName: store.schema.tableName,
        IndexName: store.schema.indexName,
        KeyConditionExpression: "#p = :p",
        ExpressionAttributeNames: { "#p": keys.names.gpk },
        ExpressionAttributeValues: { ":p": keys.userPartition(userId) },
      });
      assert.deepEqual(
        page.Items?.map((item) => [item.type, item.provider ?? null]),
        [
          ["sign-up", null],
          ["sign-in", "github"],
          ["sign-in", "google"],
        ],
      );
      for (const item of page.Items ?? []) assert.ok(typeof item.expires === "number" && item.expires > Date.parse(item.at) / 1000, "kept until TTL");
    });
  });
}
