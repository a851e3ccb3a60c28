import assert from "node:assert/strict";
import { test } from "node:test";
import { bearerToken, generateApiKey, hashApiKey, isApiKeyFormat } from "./api-key";
import { apiKeyStatus } from "./api-key-policy";

test("a key is gh_ and 32 random bytes in base64url; its id is 16 hex; each one is new", () => {
  const a = generateApiKey();
  const b = generateApiKey();
  assert.match(a.key, /^gh_[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(a.key.slice(3), "base64url").length, 32);
  assert.match(a.id, /^[0-9a-f]{16}$/);
  assert.notEqual(a.key, b.key);
  assert.notEqual(a.id, b.id);
  assert.ok(isApiKeyFormat(a.key));
});

test("only the SHA-256 is kept: hex, stable, and not the key", () => {
  const { key, hash } = generateApiKey();
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(hash, hashApiKey(key));
  assert.ok(!hash.includes(key.slice(3, 20)));
  // A known vector: sha256("abc").
  assert.equal(hashApiKey("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("anything but a well-formed key is refused before any lookup", () => {
  for (const bad of [
    "",
    "gh_",
    "gh_short",
    `GH_${"a".repeat(43)}`,
    `gh_${"a".repeat(42)}`,
    `gh_${"a".repeat(44)}`,
    `gh_${"a".repeat(42)}=`,
    `xx_${"a".repeat(43)}`,
  ]) {
    assert.equal(isApiKeyFormat(bad), false, bad);
  }
});

test("Authorization: Bearer parses; other schemes and junk do not", () => {
  assert.equal(bearerToken("Bearer gh_x"), "gh_x");
  assert.equal(bearerToken("bearer   gh_x "), "gh_x");
  assert.equal(bearerToken("Basic Z2g6eA=="), null);
  assert.equal(bearerToken("Bearer"), null);
  assert.equal(bearerToken("Bearer a b"), null);
  assert.equal(bearerToken(null), null);
});

test("status: revoked wins, then expired, else active", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  assert.equal(apiKeyStatus({ revokedAt: null, expiresAt: "2026-12-03T00:00:00Z" }, now), "active");
  assert.equal(apiKeyStatus({ revokedAt: null, expiresAt: "2026-12-02T12:00:00Z" }, now), "expired");
  assert.equal(apiKeyStatus({ revokedAt: "2026-12-01T00:00:00Z", expiresAt: "2026-12-03T00:00:00Z" }, now), "revoked");
});

test("status: a key whose expiry cannot be read counts as expired", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  for (const expiresAt of ["", "soon", "undefined", "2026-13-45T00:00:00Z"])
    assert.equal(apiKeyStatus({ revokedAt: null, expiresAt }, now), "expired", expiresAt);
});
