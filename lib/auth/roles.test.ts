import assert from "node:assert/strict";
import { test } from "node:test";
import { roleFor, scopes, scopesFor } from "./roles";

const lists = { admins: ["ana@example.com", "@ops.example.com"], viewers: ["vic@example.com", "@example.org"] };

test("exact emails and @domains map to roles, case-insensitively", () => {
  assert.equal(roleFor("Ana@Example.com", lists), "admin");
  assert.equal(roleFor("anyone@ops.example.com", lists), "admin");
  assert.equal(roleFor("vic@example.com", lists), "viewer");
  assert.equal(roleFor("someone@example.org", lists), "viewer");
});

test("anything else is not allowed, including look-alike domains", () => {
  assert.equal(roleFor("eve@example.com", lists), null);
  assert.equal(roleFor("eve@evil-ops.example.com", lists), null);
  assert.equal(roleFor("eve@ops.example.com.evil.test", lists), null);
  assert.equal(roleFor("", lists), null);
  assert.equal(roleFor(null, lists), null);
});

test("admin wins when an address is on both lists", () => {
  assert.equal(roleFor("ana@example.com", { admins: ["ana@example.com"], viewers: ["ana@example.com"] }), "admin");
});

test("roles map onto scopes: a viewer reads, an admin holds all four", () => {
  assert.deepEqual([...scopesFor("viewer")], ["read"]);
  assert.deepEqual([...scopesFor("admin")].sort(), ["accounts:write", "read", "sessions:write", "users:write"]);
  assert.deepEqual([...scopes], ["read", "sessions:write", "accounts:write", "users:write"]);
});
