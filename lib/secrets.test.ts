import assert from "node:assert/strict";
import { test } from "node:test";
import { fingerprint, redactItem } from "./secrets";

test("fingerprints are short, stable and differ per secret", () => {
  assert.equal(fingerprint("abc"), fingerprint("abc"));
  assert.notEqual(fingerprint("abc"), fingerprint("abd"));
  assert.match(fingerprint("abc"), /^[0-9a-f]{10}$/);
});

test("redaction removes every secret attribute and tokens inside keys", () => {
  const item = {
    pk: "USER#u1",
    sk: "SESSION#tok-123",
    GSI1PK: "SESSION#tok-123",
    sessionToken: "tok-123",
    access_token: "gho_abc",
    refresh_token: "rt",
    id_token: "eyJ",
    session_state: "s",
    expires: 1,
  };
  const out = redactItem(item, { sk: "sk", gpk: "GSI1PK", gsk: "GSI1SK" });
  assert.doesNotMatch(JSON.stringify(out), /tok-123|gho_abc|"rt"|eyJ/);
  assert.equal(out.pk, "USER#u1");
  assert.equal(out.sk, `SESSION#‹token ${fingerprint("tok-123")}›`);
  assert.equal(out.expires, 1);
});

test("a verification token's identifier stays, its token goes", () => {
  const out = redactItem({ PK: "VT#ana@example.com", SK: "VT#hash-1", token: "hash-1", identifier: "ana@example.com" }, { sk: "SK", gpk: "G1", gsk: "G2" });
  assert.equal(out.PK, "VT#ana@example.com");
  assert.equal(out.SK, `VT#‹token ${fingerprint("hash-1")}›`);
  assert.doesNotMatch(JSON.stringify(out), /hash-1/);
});
