import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeEmailIdentifier } from "./email-identifier";

const email = (input: string) => {
  const result = normalizeEmailIdentifier(input);
  assert.ok(result.ok, `${input}: ${result.ok ? "" : result.error}`);
  return result.email;
};
const refused = (input: string) => {
  const result = normalizeEmailIdentifier(input);
  assert.equal(result.ok, false, `${input} should be refused`);
  return result.ok ? "" : result.error;
};

test("lowercases and trims, as Auth.js's email providers do", () => {
  assert.equal(email("  Ana.Lopez@Example.COM \n"), "ana.lopez@example.com");
});

test("drops anything after a comma in the domain, keeps a comma in the local part", () => {
  assert.equal(email("ana@example.com,evil.test"), "ana@example.com");
  assert.equal(email('ana,bob@example.com'), "ana,bob@example.com");
});

test("applies NFKC first, so a fullwidth @ counts as a second @", () => {
  assert.equal(email("ＡＮＡ@example.com"), "ana@example.com");
  refused("ana＠evil.test@example.com");
});

test("refuses what Auth.js refuses: no @, two @, empty sides, quotes, an empty domain after the comma", () => {
  for (const input of ["", "   ", "ana", "ana@", "@example.com", "a@b@c", '"ana@evil.test"@example.com', "ana@,example.com"]) refused(input);
});

test("refuses spaces and control characters inside, and over-long addresses", () => {
  assert.match(refused("ana lopez@example.com"), /spaces/);
  refused("ana@exa\u0007mple.com");
  assert.match(refused(`${"a".repeat(250)}@example.com`), /at most 254/);
});

test("is idempotent", () => {
  for (const input of ["Ana@Example.com", "x@y.z,w"]) assert.equal(email(email(input)), email(input));
});
