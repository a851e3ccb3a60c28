import assert from "node:assert/strict";
import { test } from "node:test";
import { guardStatus, NO_GUARD_TEXT } from "./status";

const now = Date.parse("2026-12-01T12:00:00.000Z");
const beat = (appName: string, minutesAgo: number | null, sessionStrategy = "jwt", version = "1.0.0") => ({
  appName,
  seenAt: minutesAgo === null ? null : now - minutesAgo * 60_000,
  sessionStrategy,
  version,
});

test("a heartbeat within 30 minutes: Guard active, with app, age, strategy and major version", () => {
  assert.equal(guardStatus([beat("my-app", 2)], now).text, "Guard active: my-app, seen 2 min ago, JWT sessions, v1");
  assert.equal(
    guardStatus([beat("shop", 29, "database", "2.3.1"), beat("my-app", 1)], now).text,
    "Guard active: my-app, seen 1 min ago, JWT sessions, v1; shop, seen 29 min ago, database sessions, v2",
  );
  assert.equal(guardStatus([beat("skewed", -1)], now).text, "Guard active: skewed, seen just now, JWT sessions, v1", "a clock ahead is not 'in 1 min'");
});

test("none, stale or unreadable heartbeats: No guard seen", () => {
  for (const beats of [[], [beat("my-app", 31)], [beat("my-app", null)]]) {
    const status = guardStatus(beats, now);
    assert.equal(status.active, false);
    assert.equal(status.text, NO_GUARD_TEXT);
  }
  assert.equal(NO_GUARD_TEXT, "No guard seen: blocking revokes sessions, but the user can sign in again until the product adds the guard");
});
