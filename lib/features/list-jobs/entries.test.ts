import assert from "node:assert/strict";
import { test } from "node:test";
import { parseList } from "./entries";
import { listFingerprint } from "./fingerprint";

test("one entry per line: blank lines and duplicates are dropped and counted, order kept", () => {
  const parsed = parseList("ana@example.com\r\n\n  user-1  \nANA@example.com\nuser-1\n\nbo@example.com\n");
  assert.deepEqual(parsed.entries, ["ana@example.com", "user-1", "bo@example.com"]);
  assert.deepEqual(parsed.ignored, { blank: 2, duplicate: 2 });
  assert.deepEqual(parsed.invalid, []);
});

test("an email keeps the case it was written in (a provider may have stored it so); its duplicates compare normalized", () => {
  assert.deepEqual(parseList(["Ana@Example.com", "ana@example.com"]).entries, ["Ana@Example.com"]);
});

test("lines that are neither an email nor an id are set aside, not sent to DynamoDB", () => {
  const parsed = parseList(["a@b@c", "has/slash", "x".repeat(300), "ok-id"]);
  assert.deepEqual(parsed.entries, ["ok-id"]);
  assert.equal(parsed.invalid.length, 3);
  assert.ok(parsed.invalid.every((line) => line.length <= 80));
});

test("the list fingerprint depends on the entries and their order only", () => {
  const a = listFingerprint(parseList("a@x.test\nb@x.test").entries);
  assert.equal(a, listFingerprint(parseList("\na@x.test\n\nb@x.test\na@x.test").entries));
  assert.notEqual(a, listFingerprint(["b@x.test", "a@x.test"]));
  assert.match(a, /^[0-9a-f]{16}$/);
});
