import assert from "node:assert/strict";
import { test } from "node:test";
import { plural } from "./plural";

test("plural: one is singular, every other count plural, with the count grouped", () => {
  assert.equal(plural(1, "user"), "1 user");
  assert.equal(plural(0, "user"), "0 users");
  assert.equal(plural(2, "session"), "2 sessions");
  assert.equal(plural(12_345, "item"), "12,345 items");
});

test("plural: an irregular noun takes its plural form as given", () => {
  assert.equal(plural(1, "listed entry", "listed entries"), "1 listed entry");
  assert.equal(plural(3, "listed entry", "listed entries"), "3 listed entries");
  assert.equal(plural(2, "entry", "entries"), "2 entries");
});
