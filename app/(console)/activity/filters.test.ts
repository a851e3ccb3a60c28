import assert from "node:assert/strict";
import { test } from "node:test";
import { parseActivityFilters } from "./filters";

test("who is read as an email when it has an @, else as a user id", () => {
  const byEmail = parseActivityFilters({ who: " Alice@Example.com " });
  assert.ok(byEmail.success);
  assert.deepEqual(byEmail.filters, { email: "alice@example.com" });
  const byId = parseActivityFilters({ who: "0b7c-42" });
  assert.ok(byId.success);
  assert.deepEqual(byId.filters, { user: "0b7c-42" });
});

test("bad filters are named, each once, and nothing is read", () => {
  const parsed = parseActivityFilters({ type: "sign-on", provider: "git hub", who: "a@", from: "2026-02-30", to: "2026-01-01" });
  assert.equal(parsed.success, false);
  if (parsed.success) return;
  assert.deepEqual(parsed.fields.sort(), ["from", "provider", "type", "who"]);
  assert.ok(parsed.problems.some((p) => p.includes("sign-on")));
});

test("a start after the end is refused in a sentence", () => {
  const parsed = parseActivityFilters({ from: "2026-12-07", to: "2026-12-01" });
  assert.equal(parsed.success, false);
  if (!parsed.success) assert.deepEqual(parsed.problems, ["The start date must be on or before the end date."]);
});
