import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "@/lib/dynamo/table-health";
import { dayOf } from "@/lib/features/activity/keys";
import { activityEventSchema } from "@/lib/features/activity/schema";
import { type ActivityStore, figuresOf, readFigures, storeEvents } from "@/lib/features/activity/store";
import { testDynamo, testSchema } from "@/test/support/dynamo";
import { DEMO_ACTIVITY_DAYS, DEMO_EMAIL_PROVIDER, planDemoActivity } from "./demo-activity";
import { beginDemoActivity, resumeDemoActivity, seedDemoActivity, seedDemoData } from "./seed";

let dynamo: Awaited<ReturnType<typeof testDynamo>>;
before(async () => {
  dynamo = await testDynamo();
});
after(() => dynamo?.stop());

const DAY = 86_400_000;
const now = Date.parse("2026-12-07T15:30:00Z");
const users = Array.from({ length: 60 }, (_, i) => ({
  id: `user-${i}`,
  email: `user${i}@example.com`,
  verifiedAt: i % 3 ? now - (i % 40) * DAY : null,
  accounts: i % 4 ? [{ provider: ["github", "google", "discord"][i % 3] ?? "github", providerAccountId: `acc-${i}` }] : [],
}));

/** What the figures should be: each event's figures, by the day of its time. */
function expectedFigures(events: ReturnType<typeof planDemoActivity>) {
  const days = new Map<string, Record<string, number>>();
  for (const event of events) {
    const day = days.get(dayOf(event.at)) ?? {};
    for (const figure of figuresOf(event)) day[figure] = (day[figure] ?? 0) + 1;
    days.set(dayOf(event.at), day);
  }
  return days;
}

describe("the demo activity plan", () => {
  const events = planDemoActivity({ now, users, seed: 42 });

  test("is deterministic, valid, before now, with unique ids that are no sequence numbers", () => {
    assert.deepEqual(planDemoActivity({ now, users, seed: 42 }), events);
    assert.notDeepEqual(planDemoActivity({ now, users, seed: 43 }), events);
    for (const event of events) activityEventSchema.parse(event);
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
    assert.ok(events.every((e) => e.id.startsWith("demo-") && !/^\d/.test(e.id)));
    assert.ok(events.every((e) => Date.parse(e.at) < now));
    assert.ok(events.every((e) => e.fingerprint === undefined || /^[0-9a-f]{10}$/.test(e.fingerprint)));
  });

  test("covers every kind of activity, names only the demo users, and leaves some links unused", () => {
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      "sign-up",
      "sign-in",
      "session-created",
      "session-ended",
      "session-expired",
      "link-requested",
      "link-used",
      "link-expired",
      "account-linked",
      "account-unlinked",
      "email-verified",
      "user-blocked",
    ] as const)
      assert.ok(types.has(type), type);
    const ids = new Set(users.map((u) => u.id));
    assert.ok(events.every((e) => e.userId === undefined || ids.has(e.userId)));
    const emails = new Map(users.map((u) => [u.id, u.email]));
    assert.ok(events.every((e) => e.email === undefined || e.userId === undefined || emails.get(e.userId) === e.email));
    const providers = new Set(events.filter((e) => e.type === "sign-in").map((e) => e.provider));
    assert.deepEqual([...providers].sort(), ["discord", "github", "google", DEMO_EMAIL_PROVIDER].sort());
    const requested = events.filter((e) => e.type === "link-requested").length;
    const used = events.filter((e) => e.type === "link-used").length;
    const unused = (requested - used) / requested;
    assert.ok(unused >= 0.2 && unused <= 0.35, `unused links: ${unused}`);
    assert.ok(events.filter((e) => e.by === "gatehouse").every((e) => e.type === "user-blocked" || e.type === "user-unblocked"));
  });

  test("has a weekly rhythm and grows slightly", () => {
    const signIns = new Map<string, number>();
    for (const e of events) if (e.type === "sign-in") signIns.set(dayOf(e.at), (signIns.get(dayOf(e.at)) ?? 0) + 1);
    const weekday = [...signIns].filter(([d]) => ![0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n);
    const weekend = [...signIns].filter(([d]) => [0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(mean(weekend) < mean(weekday) * 0.8, `weekend ${mean(weekend)} vs weekday ${mean(weekday)}`);
    const ordered = [...signIns].sort(([a], [b]) => a.localeCompare(b)).map(([, n]) => n);
    assert.ok(mean(ordered.slice(-14)) > mean(ordered.slice(0, 14)), "the second fortnight is busier");
  });
});

describe("seedDemoActivity on DynamoDB Local", () => {
  test("writes 30 days whose figures are the events' counts, and writes nothing twice", async () => {
    const product = testSchema("demo-activity-product");
    const schema = testSchema("demo-activity-gatehouse");
    await ensureTable(dynamo.raw, product, { ttl: false });
    await ensureTable(dynamo.raw, schema);
    const seeded = await seedDemoData(dynamo.doc, product, { users: 40, seed: 5, now });
    const store: ActivityStore = { doc: dynamo.doc, schema, retentionDays: 90, shards: 8 };

    const first = await seedDemoActivity(store, seeded.demoUsers, { now, seed: 42 });
    const events = planDemoActivity({ now, users: seeded.demoUsers, seed: 42 });
    assert.deepEqual(first, { stored: events.length, duplicates: 0, events: events.length });

    const from = dayOf(new Date(now - DEMO_ACTIVITY_DAYS * DAY).toISOString());
    const to = dayOf(new Date(now - DAY).toISOString());
    const read = async () => readFigures(store, from, dayOf(new Date(now).toISOString()));
    const figures = await read();
    const days = [...figures.keys()].filter((d) => d.length === 10 && d >= from && d <= to);
    assert.equal(days.length, DEMO_ACTIVITY_DAYS);
    assert.ok(days.every((d) => (figures.get(d)?.signIns ?? 0) > 0 && (figures.get(d)?.dau ?? 0) > 0));
    const expected = expectedFigures(events);
    for (const [day, counts] of expected) {
      const { dau: _dau, ...got } = figures.get(day) ?? {};
      assert.deepEqual(got, counts, day);
    }
    const seededIds = new Set(seeded.demoUsers.map((u) => u.id));
    assert.ok(
      events.every((e) => e.userId === undefined || seededIds.has(e.userId)),
      "events name the seeded users",
    );

    // Again, as a second start would: a later `now`, and nothing is written or counted again.
    assert.deepEqual(await seedDemoActivity(store, seeded.demoUsers, { now: now + 3 * DAY, seed: 42 }), { stored: 0, duplicates: 0, events: 0 });
    // Even the same events stored again are found stored.
    assert.deepEqual(await storeEvents(store, events.slice(0, 50)), { stored: 0, duplicates: 50 });
    assert.deepEqual(await read(), figures);
  });

  test("an interrupted write is finished by resumeDemoActivity, each event counted once", async () => {
    const product = testSchema("demo-activity-resume-product", "custom");
    const schema = testSchema("demo-activity-resume-gatehouse", "custom");
    await ensureTable(dynamo.raw, product, { ttl: false });
    await ensureTable(dynamo.raw, schema);
    const seeded = await seedDemoData(dynamo.doc, product, { users: 20, seed: 6, now });
    const store: ActivityStore = { doc: dynamo.doc, schema, retentionDays: 90, shards: 4 };
    // The engine goes away after about 100 events were stored: a write that would go past 100
    // fails before it reaches DynamoDB, and so does every one after it.
    let puts = 0;
    let gone = false;
    const failing = new Proxy(dynamo.doc, {
      get(target, name, receiver) {
        if (name !== "batchWrite") return Reflect.get(target, name, receiver);
        return async (input: Parameters<DynamoDBDocument["batchWrite"]>[0]) => {
          const requests = Object.values(input.RequestItems ?? {}).flat();
          gone ||= puts + requests.length > 100;
          if (gone) throw Object.assign(new Error("gone"), { name: "NetworkingError" });
          puts += requests.length;
          return target.batchWrite(input);
        };
      },
    });
    await assert.rejects(seedDemoActivity({ ...store, doc: failing }, seeded.demoUsers, { now, seed: 42 }), /gone/);
    const events = planDemoActivity({ now, users: seeded.demoUsers, seed: 42 });
    const resumed = await resumeDemoActivity(store);
    assert.ok(resumed);
    assert.equal(resumed.events, events.length);
    assert.ok(puts > 0 && puts <= 100, `${puts} events stored before the engine went away`);
    assert.equal(resumed.duplicates, puts);
    assert.equal(resumed.stored, events.length - puts);
    const figures = await readFigures(store, dayOf(new Date(now - DEMO_ACTIVITY_DAYS * DAY).toISOString()), dayOf(new Date(now).toISOString()));
    for (const [day, counts] of expectedFigures(events)) {
      const { dau: _dau, ...got } = figures.get(day) ?? {};
      assert.deepEqual(got, counts, day);
    }
    assert.equal(await resumeDemoActivity(store), undefined, "done: nothing more to finish");
    assert.deepEqual(await seedDemoActivity(store, seeded.demoUsers, { now, seed: 42 }), { stored: 0, duplicates: 0, events: 0 });
  });

  test("as npm start does it: noted with the demo data, written later from the note", async () => {
    const schema = testSchema("demo-activity-begin");
    await ensureTable(dynamo.raw, schema);
    const store: ActivityStore = { doc: dynamo.doc, schema, retentionDays: 90, shards: 2 };
    const few = users.slice(0, 6);
    assert.equal(await resumeDemoActivity(store), undefined, "nothing noted, nothing to write");
    assert.equal(await beginDemoActivity(store, few, { now, seed: 1 }), true);
    assert.equal(await beginDemoActivity(store, users, { now: now + DAY, seed: 2 }), false, "the first note stands");
    const events = planDemoActivity({ now, users: few, seed: 1 });
    assert.deepEqual(await resumeDemoActivity(store), { stored: events.length, duplicates: 0, events: events.length });
    assert.equal(await resumeDemoActivity(store), undefined);
  });
});
