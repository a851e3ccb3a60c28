import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { run } from "./run";

const schema = z.object({ userId: z.string().min(1, "Name a user.") });
const outcome = { message: "Done.", result: "ok", auditId: "a1" };

test("run answers an invalid input with its first issue, and does no work", async () => {
  let worked = false;
  const result = await run(
    schema,
    { userId: "" },
    async () => {
      worked = true;
      return outcome;
    },
    [],
  );
  assert.deepEqual(result, { ok: false, error: "Name a user." });
  assert.equal(worked, false);
});

test("run hands the parsed data to the work and to the paths, and maps the outcome", async () => {
  const seen: unknown[] = [];
  const result = await run(
    schema,
    { userId: "u1", extra: "dropped" },
    async (data) => {
      seen.push(data);
      return { ...outcome, result: "partial", undoUntil: "2026-12-07T12:00:00.000Z" };
    },
    (data) => {
      seen.push(data);
      return [];
    },
  );
  assert.deepEqual(seen, [{ userId: "u1" }, { userId: "u1" }]);
  assert.deepEqual(result, {
    ok: true,
    message: "Done.",
    partial: true,
    auditId: "a1",
    undoUntil: "2026-12-07T12:00:00.000Z",
    auditIncomplete: undefined,
  });
});

test("run lets the feature's refusal answer first, and leaves every other error to failure()", async () => {
  class Taken extends Error {}
  const refusal = (error: unknown) => (error instanceof Taken ? { ok: false as const, error: error.message, takenBy: "u2" } : undefined);
  const taken = await run(schema, { userId: "u1" }, () => Promise.reject(new Taken("That email is taken.")), [], refusal);
  assert.deepEqual(taken, { ok: false, error: "That email is taken.", takenBy: "u2" });
  const limited = await run(schema, { userId: "u1" }, () => Promise.reject(new RateLimitedError("Too many requests.", 7)), [], refusal);
  assert.equal(limited.ok, false);
  assert.equal("retryAfterSeconds" in limited && limited.retryAfterSeconds, 7);
});
