import assert from "node:assert/strict";
import { test } from "node:test";
import { CursorError, openCursor, sealCursor } from "./cursor";

const secret = "x".repeat(40);
const state = { start: { pk: "USER#1", sk: "SESSION#super-secret-token" }, trail: [null, { pk: "USER#0", sk: "USER#0" }], progress: { scanned: 120 } };

test("a sealed cursor opens to the same state and hides the key", () => {
  const cursor = sealCursor(secret, "sessions", state);
  assert.doesNotMatch(Buffer.from(cursor, "base64url").toString("latin1"), /super-secret-token|USER#/);
  assert.deepEqual(openCursor(secret, "sessions", cursor), state);
});

test("a tampered cursor, another view's cursor or another secret's cursor is refused", () => {
  const cursor = sealCursor(secret, "sessions", state);
  const flipped = cursor.slice(0, 20) + (cursor[20] === "A" ? "B" : "A") + cursor.slice(21);
  assert.throws(() => openCursor(secret, "sessions", flipped), CursorError);
  assert.throws(() => openCursor(secret, "users", cursor), CursorError);
  assert.throws(() => openCursor("y".repeat(40), "sessions", cursor), CursorError);
  assert.throws(() => openCursor(secret, "sessions", "not a cursor!"), CursorError);
  assert.throws(() => openCursor(secret, "sessions", "A".repeat(9000)), CursorError);
  assert.throws(() => openCursor(secret, "sessions", "AAAA"), CursorError);
});

test("a cursor older than a day has expired", () => {
  const now = Date.now();
  const cursor = sealCursor(secret, "users", state, now - 25 * 3600_000);
  assert.throws(() => openCursor(secret, "users", cursor, now), /expired/);
});

test("the trail of previous pages is capped", () => {
  const long = { ...state, trail: Array.from({ length: 50 }, (_, i) => ({ pk: `USER#${i}`, sk: `USER#${i}` })) };
  const opened = openCursor(secret, "users", sealCursor(secret, "users", long));
  assert.equal(opened.trail.length, 20);
  assert.deepEqual(opened.trail.at(-1), { pk: "USER#49", sk: "USER#49" });
});
