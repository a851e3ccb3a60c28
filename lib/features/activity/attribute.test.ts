import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { auditUserIndexKeys } from "@/lib/audit/user-index";
import { ensureTable } from "@/lib/dynamo/table-health";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { attributeToGatehouse } from "./attribute";
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
async function auditEntry(at: string, action: string, userId: string, result = "ok") {
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
      target: { userId },
    },
  });
  return id;
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
  let reads = 0;
  const counting = {
    ...store(),
    doc: new Proxy(dynamo.doc, {
      get(target, name, receiver) {
        if (name !== "query") return Reflect.get(target, name, receiver);
        return (...args: Parameters<typeof target.query>) => {
          reads++;
          return target.query(...args);
        };
      },
    }),
  };
  const events = await attributeToGatehouse(counting, [
    event("10#0", "sign-in", "2026-12-07T13:00:00.000Z", "u-6"),
    { id: "11#0", type: "link-requested", at: "2026-12-07T13:00:00.000Z", by: "product", identifier: "a@example.com" },
  ]);
  assert.equal(reads, 0);
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
