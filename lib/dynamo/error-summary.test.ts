import assert from "node:assert/strict";
import { test } from "node:test";
import { errorSummary } from "./error-summary";

const aws = (name: string, fault: "client" | "server", message: string) => Object.assign(new Error(message), { name, $fault: fault, $metadata: {} });

test("AWS errors are summarized by their kind, without their text", () => {
  const token = "3f0c9a52-6c1e-4d8e-9a1b-0d4b9e2f7c11";
  assert.equal(errorSummary(aws("ValidationException", "client", `key SESSION#${token} is invalid`)), "DynamoDB refused the request (ValidationException)");
  assert.equal(
    errorSummary(aws("ProvisionedThroughputExceededException", "client", "x")),
    "DynamoDB refused the request (ProvisionedThroughputExceededException)",
  );
  assert.equal(errorSummary(aws("InternalServerError", "server", "x")), "DynamoDB failed the request (InternalServerError)");
});

test("unreachable endpoints name the socket error; anything else names only its class", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });
  assert.equal(errorSummary(refused), "DynamoDB could not be reached (ECONNREFUSED)");
  assert.equal(errorSummary(new Error("wrapped", { cause: refused })), "DynamoDB could not be reached (ECONNREFUSED)");
  assert.equal(errorSummary(new TypeError("Cannot read SESSION#secret")), "an unexpected error (TypeError)");
  assert.equal(errorSummary(Object.assign(new Error("x"), { name: "<script>" })), "an unexpected error (Error)");
  assert.equal(errorSummary("a string"), "an unexpected error (string)");
});
