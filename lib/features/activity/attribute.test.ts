import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { auditUserIndexKeys } from "@/lib/audit/user-index";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { ATTRIBUTION_PAGE, attributeToGatehouse } from "./attribute";
import type { ActivityEvent } from "./schema";

/** Gatehouse's actions are told from the product's by the audit entry written before each one. */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
const gatehouse = testSchema("activity-attribute-gatehouse", "custom");

before(async () => {
  dynamo = await testDynamo();
  await ensureTable(dynamo.raw, gatehouse);
});
after(() => dynamo?.stop());

const store = () => ({ doc: dynamo.doc, schema: gatehouse, retentionDays: 90, shards: 4 });

/** An entry as the audit writer stores it: on its day partition, and on the target user's index partition. */
async function auditEntry(at: string, action: string, userId: string, result = "ok", more: { mergedUserId?: string } = {}) {
  const id = `${at}~req-${Math.random().toString(36).slice(2, 8)}`;
  await dynamo.doc.put({
    TableName: gatehouse.tableName,
    Item: {
      [gatehouse.partitionKey]: `AUDIT#${at.slice(0, 10)}`,
      [gatehouse.sortKey]: id,
      ...auditUserIndexKeys(gatehouse, { userId }, id),
      at,
      action,
      result,
      target: { userId, ...more },
    },
  });
  return id;
}

/** Counts the store's Queries. */
function countingStore() {
  const counted = { reads: 0 };
  const doc = new Proxy(dynamo.doc, {
    get(target, name, receiver) {
      if (name !== "query") return Reflect.get(target, name, receiver);
      return (...args: Parameters<typeof target.query>) => {
        counted.reads++;
        return target.query(...args);
      };
    },
  });
  return { store: { ...store(), doc }, counted };
}

const event = (id: string, type: ActivityEvent["type"], at: string, userId: string): ActivityEvent => ({ id, type, at, by: "product", userId });

test("a revoke's session ends are Gatehouse's, with the entry's id; the same user's sign-in and a sign-out past the window stay the product's", async () => {
  const entry = await auditEntry("2026-12-07T10:00:00.000Z", "revoke-all-sessions", "u-1");
  const events = await attributeToGatehouse(store(), [
    event("1#0", "session-ended", "2026-12-07T10:00:00.400Z", "u-1"),
    event("2#0", "sign-in", "2026-12-07T10:00:01.000Z", "u-1"),
    event("3#0", "session-ended", "2026-12-07T10:05:00.000Z", "u-1"),
    event("4#0", "session-ended", "2026-12-07T10:00:00.500Z", "u-2"),
  ]);
  assert.deepEqual(
    events.map((e) => [e.id, e.by, e.auditId]),
    [
      ["1#0", "gatehouse", entry],
      ["2#0", "product", undefined],
      ["3#0", "product", undefined],
      ["4#0", "product", undefined],
    ],
  );
});

test("an action causes only its own kinds of events, and a refused one causes none", async () => {
  await auditEntry("2026-12-07T11:00:00.000Z", "unlink-account", "u-3");
  await auditEntry("2026-12-07T11:00:00.000Z", "delete-user", "u-4", "refused");
  const deleted = await auditEntry("2026-12-07T12:00:00.000Z", "delete-user", "u-5");
  const events = await attributeToGatehouse(store(), [
    event("5#0", "session-ended", "2026-12-07T11:00:01.000Z", "u-3"),
    event("6#0", "account-unlinked", "2026-12-07T11:00:01.000Z", "u-3"),
    event("7#0", "user-deleted", "2026-12-07T11:00:01.000Z", "u-4"),
    event("8#0", "account-unlinked", "2026-12-07T12:00:00.200Z", "u-5"),
    event("9#0", "user-deleted", "2026-12-07T12:00:00.300Z", "u-5"),
  ]);
  assert.deepEqual(
    events.map((e) => e.by),
    ["product", "gatehouse", "product", "gatehouse", "gatehouse"],
  );
  assert.equal(events[4]?.auditId, deleted);
});

test("events no console action causes cost no read", async () => {
  const { store: counting, counted } = countingStore();
  const events = await attributeToGatehouse(counting, [
    event("10#0", "sign-in", "2026-12-07T13:00:00.000Z", "u-6"),
    { id: "11#0", type: "link-requested", at: "2026-12-07T13:00:00.000Z", by: "product", identifier: "a@example.com" },
  ]);
  assert.equal(counted.reads, 0);
  assert.deepEqual(
    events.map((e) => e.by),
    ["product", "product"],
  );
});

test("a record's time is rounded down (to the minute on DynamoDB Local): an entry written later in that minute still caused it", async () => {
  const entry = await auditEntry("2026-12-07T14:30:40.120Z", "revoke-session", "u-7");
  const [attributed] = await attributeToGatehouse(store(), [event("12#0", "session-ended", "2026-12-07T14:30:00.000Z", "u-7")]);
  assert.equal(attributed?.by, "gatehouse");
  assert.equal(attributed?.auditId, entry);
});

test("a merge: the merged user's deletion and session ends are Gatehouse's too, as is what the kept user gains", async () => {
  const entry = await auditEntry("2026-12-07T15:00:00.000Z", "merge-users", "u-kept", "ok", { mergedUserId: "u-merged" });
  const events = await attributeToGatehouse(store(), [
    event("13#0", "session-ended", "2026-12-07T15:00:00.300Z", "u-merged"),
    event("14#0", "user-deleted", "2026-12-07T15:00:00.400Z", "u-merged"),
    event("15#0", "account-linked", "2026-12-07T15:00:00.200Z", "u-kept"),
  ]);
  assert.deepEqual(
    events.map((e) => [e.by, e.auditId]),
    [
      ["gatehouse", entry],
      ["gatehouse", entry],
      ["gatehouse", entry],
    ],
  );
});

test("a batch of many users' sign-ups costs one read of the audit log's day, not one per user", async () => {
  const created = await auditEntry("2026-12-07T16:00:00.000Z", "create-user", "u-made-0");
  const { store: counting, counted } = countingStore();
  const signUps = Array.from({ length: 50 }, (_, i) => event(`${16 + i}#0`, "sign-up", "2026-12-07T16:00:01.000Z", `u-made-${i}`));
  const events = await attributeToGatehouse(counting, signUps);
  assert.equal(counted.reads, 1);
  assert.equal(events[0]?.auditId, created);
  assert.ok(events.slice(1).every((e) => e.by === "product"));
});

test("a window with more entries than one read takes falls back to each user's index, and still finds the cause", async () => {
  const at = "2026-12-07T17:00:00.000Z";
  const busy = Array.from({ length: ATTRIBUTION_PAGE + 1 }, (_, i) => {
    const id = `${at}~bulk-${String(i).padStart(4, "0")}`;
    return {
      [gatehouse.partitionKey]: `AUDIT#${at.slice(0, 10)}`,
      [gatehouse.sortKey]: id,
      ...auditUserIndexKeys(gatehouse, { userId: `u-bulk-${i}` }, id),
      at,
      action: "revoke-all-sessions",
      result: "ok",
      target: { userId: `u-bulk-${i}` },
    };
  });
  for (let i = 0; i < busy.length; i += 25) {
    await dynamo.doc.batchWrite({ RequestItems: { [gatehouse.tableName]: busy.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  }
  const { store: counting, counted } = countingStore();
  const [ended] = await attributeToGatehouse(counting, [event("70#0", "session-ended", "2026-12-07T17:00:00.500Z", `u-bulk-${ATTRIBUTION_PAGE}`)]);
  assert.equal(ended?.by, "gatehouse");
  assert.equal(ended?.auditId, `${at}~bulk-${String(ATTRIBUTION_PAGE).padStart(4, "0")}`);
  assert.equal(counted.reads, 2, "one read of the day, stopped at its page; one of the user's index");
});
