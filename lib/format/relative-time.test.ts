import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatRelative } from "./relative-time";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const s = 1000;
const min = 60 * s;
const h = 60 * min;
const d = 24 * h;
const year = 365.25 * d;
const month = year / 12;

const at = (offsetMs: number) => formatRelative(now + offsetMs, now);

describe("formatRelative", () => {
  test("anything under 10 s either way is just now", () => {
    assert.equal(at(0), "just now");
    assert.equal(at(9 * s), "just now");
    assert.equal(at(-9 * s), "just now");
    assert.equal(at(9_499), "just now");
  });

  test("future times read 'in …', past times read '… ago'", () => {
    assert.equal(at(3 * h), "in 3 h");
    assert.equal(at(-3 * h), "3 h ago");
    assert.equal(at(12 * min), "in 12 min");
    assert.equal(at(-2 * d), "2 d ago");
  });

  test("each unit", () => {
    assert.equal(at(-42 * s), "42 s ago");
    assert.equal(at(5 * min), "in 5 min");
    assert.equal(at(-7 * h), "7 h ago");
    assert.equal(at(10 * d), "in 10 d");
    assert.equal(at(-4 * month), "4 mo ago");
    assert.equal(at(3 * year), "in 3 y");
  });

  test("seconds start at 10 and end below a minute", () => {
    assert.equal(at(10 * s), "in 10 s");
    assert.equal(at(-10 * s), "10 s ago");
    assert.equal(at(59 * s), "in 59 s");
    assert.equal(at(59_499), "in 59 s");
  });

  test("a count that rounds up to the next unit moves to that unit", () => {
    assert.equal(at(59_500), "in 1 min");
    assert.equal(at(60 * s), "in 1 min");
    assert.equal(at(59 * min + 29 * s), "in 59 min");
    assert.equal(at(59 * min + 30 * s), "in 1 h");
    assert.equal(at(-(23 * h + 29 * min)), "23 h ago");
    assert.equal(at(-(23 * h + 30 * min)), "1 d ago");
    assert.equal(at(29 * d), "in 29 d");
    assert.equal(at(29.5 * d), "in 1 mo");
    assert.equal(at(-11 * month), "11 mo ago");
    assert.equal(at(-11.5 * month), "1 y ago");
  });

  test("rounds to the nearer count within a unit", () => {
    assert.equal(at(90 * min), "in 2 h");
    assert.equal(at(89 * min), "in 1 h");
    assert.equal(at(-36 * h), "2 d ago");
    assert.equal(at(-35 * h), "1 d ago");
    assert.equal(at(2.5 * year), "in 3 y");
  });

  test("an invalid time gives a dash instead of NaN text", () => {
    assert.equal(formatRelative(Number.NaN, now), "—");
    assert.equal(formatRelative(now, Number.POSITIVE_INFINITY), "—");
  });
});
