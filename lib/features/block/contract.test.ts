import assert from "node:assert/strict";
import { test } from "node:test";
import { HEARTBEAT_PARTITION } from "@/guard/src/contract";
import { GUARD_PARTITION } from "@/lib/dynamo/keys";
import { blockSummary, toBlockView } from "./contract";
import { blockUntil } from "./durations";

const now = Date.parse("2026-12-01T12:00:00.000Z");

test("durations: 1 hour to 30 days end then; permanent has no until", () => {
  assert.equal(blockUntil("1h", now), "2026-12-01T13:00:00.000Z");
  assert.equal(blockUntil("24h", now), "2026-12-02T12:00:00.000Z");
  assert.equal(blockUntil("7d", now), "2026-12-08T12:00:00.000Z");
  assert.equal(blockUntil("30d", now), "2026-12-31T12:00:00.000Z");
  assert.equal(blockUntil("permanent", now), undefined);
});

test("a block is judged as the guard judges it, and summarized with until and reason", () => {
  const block = toBlockView({ since: "2026-12-01T10:00:00.000Z", until: "2026-12-01T13:00:00.000Z", reason: "fraud", by: "ana@ops.test" }, now)!;
  assert.equal(block.active, true);
  assert.equal(blockSummary(block), "Blocked until 2026-12-01 13:00 UTC: fraud");
  assert.equal(toBlockView({ since: "x", until: "2026-12-01T11:00:00.000Z", reason: "", by: "" }, now)?.active, false);
  assert.equal(toBlockView({ reason: "r", by: "b", until: "soon" }, now)?.active, true, "an unreadable until counts as permanent");
  assert.equal(blockSummary(toBlockView({ reason: "spam", by: "b" }, now)!), "Blocked permanently: spam");
  assert.equal(toBlockView(undefined, now), null);
  assert.equal(toBlockView("blocked", now), null);
});

test("the console's heartbeat partition is the guard's", () => {
  assert.equal(GUARD_PARTITION, HEARTBEAT_PARTITION);
});
