import assert from "node:assert/strict";
import { before, test } from "node:test";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";
import type { ApiKeyOperator } from "./principal";

let authorize: typeof import("./authorize").authorize;
const now = Date.parse("2026-12-02T12:00:00Z");
const key = (overrides: Partial<ApiKeyOperator> = {}): ApiKeyOperator => ({
  kind: "api-key",
  keyId: "0123456789abcdef",
  name: "runbook",
  scopes: ["read", "sessions:write"],
  email: "ana@ops.test",
  expiresAt: now + 3600_000,
  revokedAt: null,
  ...overrides,
});

before(async () => {
  // Admins @ops.test, viewers @view.test; no DynamoDB is called.
  Object.assign(process.env, inProcessConsoleEnv("http://127.0.0.1:1", testSchema("authorize")));
  ({ authorize } = await import("./authorize"));
});

test("a console operator's role is read again from the allow-lists and mapped onto scopes", () => {
  const viewer = { email: "vic@view.test", name: null, role: "admin" as const };
  assert.equal(authorize(viewer, "read").role, "viewer", "the claimed role does not count");
  for (const scope of ["sessions:write", "accounts:write", "users:write"] as const) {
    assert.throws(() => authorize(viewer, scope), /needs the admin role; you are a viewer/);
    assert.equal(authorize({ email: "ana@ops.test", name: null, role: "viewer" }, scope).role, "admin");
  }
  assert.throws(() => authorize({ email: "eve@outside.test", name: null, role: "admin" }, "read"), /no longer allowed/);
  assert.throws(() => authorize(null, "read"), /Sign in first/);
});

test("a key has exactly its scopes, and is refused revoked, expired, or once its creator is no longer an admin", () => {
  assert.equal(authorize(key(), "read", now).keyId, "0123456789abcdef");
  assert.ok(authorize(key(), "sessions:write", now));
  assert.throws(() => authorize(key(), "users:write", now), /needs the users:write scope; this API key has read, sessions:write/);
  assert.throws(() => authorize(key({ scopes: ["users:write"] }), "read", now), /read scope/);
  assert.throws(() => authorize(key({ revokedAt: now - 1 }), "read", now), /revoked/);
  assert.throws(() => authorize(key({ expiresAt: now }), "read", now), /expired/);
  assert.throws(() => authorize(key({ expiresAt: Number.NaN }), "read", now), /expired/, "an expiry that could not be read");
  assert.throws(() => authorize(key({ email: "vic@view.test" }), "read", now), /no longer an admin/);
  assert.throws(() => authorize(key({ email: "former@elsewhere.test" }), "read", now), /no longer an admin/);
});
