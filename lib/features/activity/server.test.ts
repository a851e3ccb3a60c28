import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import type { ActivityEvent } from "./schema";
import type { ActivityStore } from "./store";

/**
 * Reading activity back against DynamoDB Local: the feed merges a day's shards newest first and
 * pages through days with sealed cursors; a user's timeline and an address's are index Queries;
 * the figures are one Query. The product has custom key names (an address resolves through them).
 */
const product = testSchema("activity-read-product", "custom");
const gatehouse = testSchema("activity-read-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let store: ActivityStore;
const viewer = { email: "v@view.test", name: null, role: "viewer" as const };
const NOW = Date.parse("2026-12-07T18:00:00.000Z");
let aliceId = "";

const at = (day: string, minute: number) => `${day}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00.000Z`;

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_RATE_LIMITS: "read-units=100000/1h", GATEHOUSE_ACTIVITY_SHARDS: "4" } });
  const { activityStore } = await import("./settings");
  const { storeEvents } = await import("./store");
  store = activityStore();
  const alice = await DynamoDBAdapter(dynamo.doc, product).createUser!({ id: "", email: "alice@example.com", emailVerified: null });
  aliceId = alice.id;
  const events: ActivityEvent[] = [];
  // Two days, 35 events each, on every shard; alice signs in on some, with two providers.
  for (const day of ["2026-12-06", "2026-12-07"]) {
    for (let i = 0; i < 35; i++) {
      const mine = i % 5 === 0;
      events.push({
        id: `${day}-${i}#0`,
        type: mine ? "sign-in" : "session-created",
        at: at(day, 60 + i * 7),
        by: "product",
        userId: mine ? aliceId : `u-${i}`,
        ...(mine ? { provider: i % 10 === 0 ? "github" : "google" } : { fingerprint: `fp${i}` }),
      });
    }
  }
  events.push({ id: "link-1#0", type: "link-requested", at: at("2026-12-07", 30), by: "product", identifier: "alice@example.com", fingerprint: "fpl" });
  await storeEvents(store, events);
});
after(() => dynamo?.stop());

async function everyPage(filters: Record<string, string>, pageSize = 25) {
  const { listActivity } = await import("./server");
  const seen: ActivityEvent[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listActivity(viewer, filters, { pageSize, cursor }, NOW);
    seen.push(...page.events);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 20);
  return { seen, pages };
}

const newestFirst = (events: ActivityEvent[]) => events.every((event, i) => i === 0 || `${events[i - 1]?.at}#${events[i - 1]?.id}` > `${event.at}#${event.id}`);

test("the feed gives every event once, newest first, across shards and days, page by page", async () => {
  const { seen, pages } = await everyPage({});
  assert.equal(seen.length, 71);
  assert.equal(new Set(seen.map((e) => e.id)).size, 71);
  assert.ok(newestFirst(seen));
  assert.equal(pages, 3);
  assert.equal(seen[0]?.id, "2026-12-07-34#0");
});

test("type, provider and dates filter the feed", async () => {
  assert.equal((await everyPage({ type: "sign-in" })).seen.length, 14);
  const github = (await everyPage({ type: "sign-in", provider: "github" })).seen;
  assert.equal(github.length, 8);
  assert.ok(github.every((e) => e.type === "sign-in" && e.provider === "github"));
  const sixth = (await everyPage({ from: "2026-12-06", to: "2026-12-06" })).seen;
  assert.equal(sixth.length, 35);
  assert.ok(sixth.every((e) => e.at.startsWith("2026-12-06")));
});

test("a user's timeline and an address's activity are index Queries, newest first", async () => {
  const { listActivity } = await import("./server");
  const page = await listActivity(viewer, { user: aliceId }, { pageSize: 25 }, NOW);
  assert.equal(page.events.length, 14);
  assert.ok(page.events.every((e) => e.userId === aliceId));
  assert.ok(newestFirst(page.events));
  assert.ok(page.meter.every((m) => m.operation === "Query"));
  const byEmail = (await everyPage({ email: "alice@example.com" }, 5)).seen;
  assert.equal(byEmail.length, 15, "her 14 sign-ins and the link sent to her address");
  assert.ok(newestFirst(byEmail));
});

test("a cursor from another view or tampered with is refused", async () => {
  const { listActivity } = await import("./server");
  const first = await listActivity(viewer, {}, { pageSize: 25 }, NOW);
  assert.ok(first.nextCursor);
  await assert.rejects(listActivity(viewer, { type: "sign-in" }, { pageSize: 25, cursor: first.nextCursor }, NOW), { name: "CursorError" });
  await assert.rejects(listActivity(viewer, {}, { pageSize: 25, cursor: `${first.nextCursor.slice(0, -4)}AAAA` }, NOW), { name: "CursorError" });
});

test("the figures are one Query: each day of the range, its months' active users, providers by sign-ins", async () => {
  const { activityFigures } = await import("./server");
  const figures = await activityFigures(viewer, { from: "2026-12-05", to: "2026-12-07" }, NOW);
  assert.deepEqual(
    figures.days.map((d) => d.day),
    ["2026-12-05", "2026-12-06", "2026-12-07"],
  );
  assert.deepEqual(figures.days[0]?.figures, {});
  assert.equal(figures.days[2]?.figures.signIns, 7);
  assert.equal(figures.days[2]?.figures.sessionsCreated, 28);
  assert.equal(figures.days[2]?.figures.linksRequested, 1);
  assert.deepEqual(figures.months, [{ month: "2026-12", mau: 29 }]);
  assert.deepEqual(figures.providers, ["github", "google"]);
  assert.equal(figures.meter.find((m) => m.operation === "Query")?.calls, 1);
});

test("reading activity needs an operator", async () => {
  const { listActivity, activityFigures } = await import("./server");
  await assert.rejects(listActivity(null, {}, { pageSize: 25 }, NOW), { name: "ForbiddenError" });
  await assert.rejects(activityFigures(null, {}, NOW), { name: "ForbiddenError" });
});

test("the status line's facts: the mode, the stream's state and the command that turns it on", async () => {
  const { activityStatus } = await import("./server");
  const status = await activityStatus(viewer);
  assert.equal(status.mode, "off", "an endpoint engine reads no stream unless told to");
  assert.equal(status.stream, "off", "the test's product table has no stream");
  assert.deepEqual(status.shards, []);
  assert.match(
    status.enableCommand,
    new RegExp(`--table-name ${product.tableName} --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES`),
  );
  await assert.rejects(activityStatus(null), { name: "ForbiddenError" });
});

test("a day whose events crowd one shard still pages through every event once, in order", async () => {
  const { storeEvents } = await import("./store");
  const { shardOf } = await import("./keys");
  const { listActivity } = await import("./server");
  const day = "2026-10-01";
  const crowded: ActivityEvent[] = [];
  for (let i = 0; crowded.length < 30; i++) {
    const id = `crowd-${i}#0`;
    if (shardOf(id, store.shards) === 0) crowded.push({ id, type: "session-created", at: at(day, 600 + crowded.length), by: "product", userId: "u-crowd" });
  }
  crowded.push({ id: "lone-a#0", type: "sign-up", at: at(day, 615), by: "product", userId: "u-lone" });
  crowded.push({ id: "lone-b#0", type: "sign-up", at: at(day, 500), by: "product", userId: "u-lone-2" });
  await storeEvents(store, crowded);
  const seen: ActivityEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await listActivity(viewer, { from: day, to: day }, { pageSize: 10, cursor }, NOW);
    seen.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  assert.equal(seen.length, 32);
  assert.equal(new Set(seen.map((e) => e.id)).size, 32);
  assert.ok(newestFirst(seen));
});
