import assert from "node:assert/strict";
import { test } from "node:test";
import { emailIsVerified } from "./verified-email";

test('an IdP\'s email_verified true, as OIDC Core defines it, or the string "true" some IdPs send', () => {
  assert.equal(emailIsVerified({ email: "ana@ops.test", email_verified: true }), true);
  assert.equal(emailIsVerified({ email: "ana@ops.test", email_verified: "true" }), true);
});

test("anything else is unverified: false, missing, null, or any other spelling", () => {
  for (const claim of [false, "false", null, undefined, 1, 0, "1", "yes", "True", " true", "TRUE", [], {}, [true]]) {
    assert.equal(emailIsVerified({ email: "ana@ops.test", email_verified: claim }), false, `email_verified: ${JSON.stringify(claim)}`);
  }
  assert.equal(emailIsVerified({ email: "ana@ops.test" }), false);
  assert.equal(emailIsVerified({}), false);
  assert.equal(emailIsVerified(undefined), false);
  assert.equal(emailIsVerified(null), false);
});
