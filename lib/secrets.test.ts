import assert from "node:assert/strict";
import { test } from "node:test";
import { describeValue, fingerprint, redactItem } from "./secrets";

const keys = { pk: "pk", sk: "sk", gpk: "GSI1PK", gsk: "GSI1SK" };

test("fingerprints are short, stable and differ per secret", () => {
  assert.equal(fingerprint("abc"), fingerprint("abc"));
  assert.notEqual(fingerprint("abc"), fingerprint("abd"));
  assert.match(fingerprint("abc"), /^[0-9a-f]{10}$/);
});

test("a session shows its keys as fingerprints, its safe attributes, and nothing of its secrets", () => {
  const item = {
    pk: "USER#u1",
    sk: "SESSION#tok-123",
    GSI1PK: "SESSION#tok-123",
    GSI1SK: "SESSION#tok-123",
    type: "SESSION",
    id: "s1",
    userId: "u1",
    sessionToken: "tok-123",
    expires: "2030-01-01T00:00:00.000Z",
  };
  const out = redactItem(item, { keys, entity: "session" });
  assert.doesNotMatch(JSON.stringify(out), /tok-123/);
  assert.equal(out.pk, "USER#u1");
  assert.equal(out.sk, `SESSION#‹token ${fingerprint("tok-123")}›`);
  assert.equal(out.GSI1SK, `SESSION#‹token ${fingerprint("tok-123")}›`);
  assert.equal(out.sessionToken, "‹redacted, string of 7 characters›");
  assert.deepEqual([out.type, out.id, out.userId, out.expires], ["SESSION", "s1", "u1", "2030-01-01T00:00:00.000Z"]);
});

test("an account's OAuth tokens go, its provider, scope and expiry stay", () => {
  const item = {
    pk: "USER#u1",
    sk: "ACCOUNT#github#42",
    type: "ACCOUNT",
    provider: "github",
    providerAccountId: "42",
    scope: "read:user",
    token_type: "bearer",
    expires_at: 1700000000,
    access_token: "gho_abc",
    refresh_token: "rt",
    id_token: "eyJ",
    session_state: "s",
  };
  const out = redactItem(item, { keys, entity: "account" });
  assert.doesNotMatch(JSON.stringify(out), /gho_abc|"rt"|eyJ|"s"/);
  assert.equal(out.access_token, "‹redacted, string of 7 characters›");
  assert.deepEqual([out.provider, out.providerAccountId, out.scope, out.token_type, out.expires_at], ["github", "42", "read:user", "bearer", 1700000000]);
});

test("a verification token's identifier stays, its token goes", () => {
  const out = redactItem(
    { PK: "VT#ana@example.com", SK: "VT#hash-1", token: "hash-1", identifier: "ana@example.com", expires: 1 },
    { keys: { pk: "PK", sk: "SK", gpk: "G1", gsk: "G2" }, entity: "verificationToken" },
  );
  assert.equal(out.PK, "VT#ana@example.com");
  assert.equal(out.SK, `VT#‹token ${fingerprint("hash-1")}›`);
  assert.equal(out.identifier, "ana@example.com");
  assert.doesNotMatch(JSON.stringify(out), /hash-1/);
});

test("attributes a product adds are shown as type and size only, nested maps included", () => {
  const item = {
    pk: "USER#u1",
    sk: "USER#u1",
    type: "USER",
    id: "u1",
    email: "ana@example.com",
    name: "Ana",
    emailVerified: null,
    passwordHash: "a".repeat(64),
    apiKey: "sk_live_123",
    profile: { recovery: { code: "rc-1" }, plan: "pro", seats: 3 },
    roles: ["admin"],
    tags: new Set(["x", "y"]),
    avatar: new Uint8Array(5),
    mfa: true,
    loginCount: 7,
  };
  const out = redactItem(item, { keys, entity: "user" });
  assert.deepEqual([out.id, out.email, out.name, out.emailVerified, out.type], ["u1", "ana@example.com", "Ana", null, "USER"]);
  assert.equal(out.passwordHash, "‹redacted, string of 64 characters›");
  assert.equal(out.apiKey, "‹redacted, string of 11 characters›");
  assert.equal(out.profile, "‹redacted, map of 3 entries›");
  assert.equal(out.roles, "‹redacted, list of 1 item›");
  assert.equal(out.tags, "‹redacted, set of 2 items›");
  assert.equal(out.avatar, "‹redacted, binary of 5 bytes›");
  assert.equal(out.mfa, "‹redacted, boolean›");
  assert.equal(out.loginCount, "‹redacted, number›");
  assert.doesNotMatch(JSON.stringify(out), /sk_live|rc-1|"pro"|aaaa/);
});

test("GATEHOUSE_SHOW_ATTRIBUTES adds names; a shown map shows only the entries named too", () => {
  const item = { pk: "USER#u1", sk: "USER#u1", plan: "pro", profile: { plan: "pro", recovery: { code: "rc-1" } }, roles: ["admin", { nested: 1 }] };
  const out = redactItem(item, { keys, entity: "user", show: ["plan", "profile", "profile.plan", "roles"] });
  assert.equal(out.plan, "pro");
  assert.deepEqual(out.profile, { plan: "pro", recovery: "‹redacted, map of 1 entry›" });
  assert.deepEqual(out.roles, ["admin", "‹redacted, map of 1 entry›"]);
});

test("known secrets stay redacted even when configured as shown", () => {
  const out = redactItem(
    { pk: "USER#u1", sk: "ACCOUNT#x#1", access_token: "gho_abc", extra: { token: "t" } },
    { keys, entity: "account", show: ["access_token", "extra", "extra.token"] },
  );
  assert.equal(out.access_token, "‹redacted, string of 7 characters›");
  assert.deepEqual(out.extra, { token: "‹redacted, string of 1 character›" });
});

test("an item of no known entity shows only its keys and type", () => {
  const out = redactItem({ pk: "USER#u1", sk: "PROFILE#u1", type: "PROFILE", email: "ana@example.com" }, { keys, entity: "unknown" });
  assert.deepEqual(out, { pk: "USER#u1", sk: "PROFILE#u1", type: "PROFILE", email: "‹redacted, string of 15 characters›" });
});

test("descriptions name type and size", () => {
  assert.equal(describeValue(""), "string of 0 characters");
  assert.equal(describeValue("x"), "string of 1 character");
  assert.equal(describeValue({}), "map of 0 entries");
  assert.equal(describeValue(null), "null");
});
