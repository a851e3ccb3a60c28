import assert from "node:assert/strict";
import { test } from "node:test";
import { lastActiveEstimate } from "./last-active";

const DAY = 86_400_000;
const now = Date.parse("2026-12-01T12:00:00.000Z");

test("Last active ≈ is the newest session's expires minus the product's session lifetime", () => {
  const expiries = [now + 10 * DAY, now + 27 * DAY, null, now - DAY];
  assert.equal(lastActiveEstimate(expiries, 30 * 86400, now), now - 3 * DAY);
  assert.equal(lastActiveEstimate([now + 7 * DAY], 7 * 86400, now), now, "a session just extended: active now");
});

test("no session, no estimate; a lifetime set too short never gives a time in the future", () => {
  assert.equal(lastActiveEstimate([], 30 * 86400, now), null);
  assert.equal(lastActiveEstimate([null], 30 * 86400, now), null);
  assert.equal(lastActiveEstimate([now + 30 * DAY], 1 * 86400, now), now);
});
