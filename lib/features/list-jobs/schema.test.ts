import assert from "node:assert/strict";
import { test } from "node:test";
import { createListJobSchema, resolveEntriesSchema, stepListJobSchema } from "./schema";

const job = { action: "revoke-all", entries: ["a@x.test"], reason: "ticket 1" };

test("a job needs an action of the three, entries, and a reason of at least 3 characters", () => {
  assert.equal(createListJobSchema.safeParse(job).success, true);
  assert.match(createListJobSchema.safeParse({ ...job, action: "wipe" }).error!.issues[0]!.message, /Pick what to do/);
  assert.match(createListJobSchema.safeParse({ ...job, reason: " x " }).error!.issues[0]!.message, /at least 3 characters/);
  assert.match(createListJobSchema.safeParse({ ...job, entries: [] }).error!.issues[0]!.message, /empty/);
  assert.match(createListJobSchema.safeParse({ ...job, entries: Array(10_001).fill("a@x.test") }).error!.issues[0]!.message, /at most 10,000/);
  assert.match(createListJobSchema.safeParse({ ...job, entries: ["x".repeat(255)] }).error!.issues[0]!.message, /at most 254/);
});

test("Block needs a duration of the Block dialog's", () => {
  assert.match(createListJobSchema.safeParse({ ...job, action: "block" }).error!.issues[0]!.message, /how long/);
  assert.equal(createListJobSchema.safeParse({ ...job, action: "block", duration: "7d" }).success, true);
  assert.equal(createListJobSchema.safeParse({ ...job, action: "block", duration: "2w" }).success, false);
});

test("resolve takes one chunk; a step names its job by id", () => {
  assert.equal(resolveEntriesSchema.safeParse({ entries: Array(500).fill("a@x.test") }).success, true);
  assert.equal(resolveEntriesSchema.safeParse({ entries: Array(501).fill("a@x.test") }).success, false);
  assert.equal(stepListJobSchema.safeParse({ jobId: "not-a-job", cursor: "c" }).success, false);
  assert.equal(stepListJobSchema.safeParse({ jobId: "3f0c2a9e-1b2c-4d5e-8f90-123456789abc", cursor: "c", size: 50 }).success, true);
});
