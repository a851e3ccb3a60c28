import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventKey, lagFigures, pacedOrder } from "./bench-activity-lag";

describe("activity bench: lag", () => {
  it("keys an event by its token's fingerprint when it has one, else by its user", () => {
    assert.equal(eventKey({ type: "sign-up", userId: "u1" }), "sign-up|u1");
    assert.equal(eventKey({ type: "session-created", userId: "u1", fingerprint: "abc" }), "session-created|abc");
  });

  it("measures stored less written for each written event, counts the missing, ignores the unexpected", () => {
    const written = new Map(Array.from({ length: 20 }, (_, i) => [`e${i}`, 1000 * i] as const));
    const stored = new Map<string, number>(Array.from({ length: 19 }, (_, i) => [`e${i}`, 1000 * i + (i + 1) * 100] as const));
    stored.set("other", 5);
    const figures = lagFigures(written, stored);
    assert.deepEqual(figures, { events: 19, missing: 1, p50Ms: 1000, p95Ms: 1900, maxMs: 1900 });
  });

  it("gives NaN figures, not zeros, when nothing was stored", () => {
    const figures = lagFigures(new Map([["a", 1]]), new Map());
    assert.equal(figures.missing, 1);
    assert.ok(Number.isNaN(figures.p95Ms));
  });

  it("paces a block of journeys step by step, each journey's steps in order", () => {
    assert.deepEqual(pacedOrder(3, 2, 2), [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
  });
});
