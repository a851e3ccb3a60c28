import assert from "node:assert/strict";
import { test } from "node:test";
import { ReadOnlyError, RefusedError } from "@/lib/audit/act";
import { AuditError } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { StepUpRequiredError } from "@/lib/auth/step-up";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { CursorError } from "@/lib/http/cursor";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { invalidRequest, notFound, problemFor, problemResponse, unauthenticated } from "./problem";

test("each error the DAL or the pipeline throws has its status, and keeps its own message", () => {
  const cases: [unknown, number, string | RegExp][] = [
    [unauthenticated("This API key has expired."), 401, "This API key has expired."],
    [new ForbiddenError("This needs the users:write scope; this API key has read."), 403, /users:write scope/],
    [new ReadOnlyError(), 403, /read-only/],
    [new StepUpRequiredError(15), 403, /sign in again/],
    [notFound("There is no user u1."), 404, "There is no user u1."],
    [new RefusedError("This is their last way to sign in."), 409, /last way/],
    [new RateLimitedError("slow down", 42), 429, "slow down"],
    [new DynamoUnavailableError("ECONNREFUSED 127.0.0.1:8000"), 503, /DynamoDB is unreachable/],
    [new AuditError(), 503, /audit log could not be written/],
  ];
  for (const [error, status, detail] of cases) {
    const { problem } = problemFor(error);
    assert.equal(problem.status, status, String(error));
    assert.match(problem.type, /^urn:gatehouse:problem:[a-z-]+$/);
    assert.ok(problem.title);
    if (typeof detail === "string") assert.equal(problem.detail, detail);
    else assert.match(problem.detail, detail);
  }
});

test("401 says Bearer, 429 and 503 say when to come back", () => {
  assert.equal(problemFor(unauthenticated("no key")).headers["WWW-Authenticate"], 'Bearer realm="gatehouse"');
  assert.equal(problemFor(new RateLimitedError("slow", 41.2)).headers["Retry-After"], "42");
  assert.equal(problemFor(new DynamoUnavailableError()).headers["Retry-After"], "5");
});

test("validation problems are 400 and name every field; a bad cursor names query.cursor", () => {
  const { problem } = problemFor(
    invalidRequest([
      { path: "query.limit", message: "Too big" },
      { path: "body.reason", message: "Give a reason" },
    ]),
  );
  assert.equal(problem.status, 400);
  assert.deepEqual(
    problem.errors?.map((e) => e.path),
    ["query.limit", "body.reason"],
  );
  assert.match(problem.detail, /query\.limit: Too big; body\.reason: Give a reason/);
  const cursor = problemFor(new CursorError()).problem;
  assert.equal(cursor.status, 400);
  assert.deepEqual(cursor.errors?.[0]?.path, "query.cursor");
});

test("anything unexpected is a bare 500: no message, no stack, no key", async () => {
  const original = console.error;
  console.error = () => {};
  try {
    const error = new Error("ValidationException: key gh_secret_value at /srv/app/lib/x.ts:12");
    const response = problemResponse(error, "req-1");
    assert.equal(response.status, 500);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    const text = await response.text();
    assert.ok(!text.includes("gh_secret_value") && !text.includes(".ts:") && !text.includes("ValidationException"), text);
  } finally {
    console.error = original;
  }
});
