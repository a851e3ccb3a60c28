import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "@/lib/config";
import { parseActivityConfig } from "./config";

test("activity is read by the console on the embedded engine, and off elsewhere until it is turned on", () => {
  assert.deepEqual(parseActivityConfig({}, "embedded"), { mode: "poll", retentionDays: 90, shards: 8 });
  assert.equal(parseActivityConfig({}, "aws").mode, "off");
  assert.deepEqual(parseActivityConfig({ GATEHOUSE_ACTIVITY: "lambda", GATEHOUSE_ACTIVITY_DAYS: "30", GATEHOUSE_ACTIVITY_SHARDS: "16" }, "aws"), {
    mode: "lambda",
    retentionDays: 30,
    shards: 16,
  });
});

test("a bad value names its variable and what was expected", () => {
  assert.throws(
    () => parseActivityConfig({ GATEHOUSE_ACTIVITY: "stream", GATEHOUSE_ACTIVITY_DAYS: "0" }, "aws"),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.problems.some((p) => p.startsWith("GATEHOUSE_ACTIVITY:") && p.includes('"stream"')) &&
      error.problems.some((p) => p.startsWith("GATEHOUSE_ACTIVITY_DAYS:")),
  );
});
