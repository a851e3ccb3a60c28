import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TableSchema } from "@/lib/config";
import { keysFor } from "./keys";

const defaults: TableSchema = {
  tableName: "next-auth",
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
};
const custom: TableSchema = {
  tableName: "auth",
  partitionKey: "PK",
  sortKey: "SK",
  indexName: "byLookup",
  indexPartitionKey: "lookupPK",
  indexSortKey: "lookupSK",
};

describe("keys with the adapter's default names", () => {
  const keys = keysFor(defaults);

  test("build what the adapter writes", () => {
    assert.deepEqual(keys.user("u1"), { pk: "USER#u1", sk: "USER#u1" });
    assert.deepEqual(keys.userIndex("a@example.com"), { GSI1PK: "USER#a@example.com", GSI1SK: "USER#a@example.com" });
    assert.deepEqual(keys.account("u1", "github", "42"), { pk: "USER#u1", sk: "ACCOUNT#github#42" });
    assert.deepEqual(keys.accountIndex("github", "42"), { GSI1PK: "ACCOUNT#github", GSI1SK: "ACCOUNT#42" });
    assert.deepEqual(keys.session("u1", "tok"), { pk: "USER#u1", sk: "SESSION#tok" });
    assert.deepEqual(keys.sessionIndex("tok"), { GSI1PK: "SESSION#tok", GSI1SK: "SESSION#tok" });
    assert.deepEqual(keys.verificationToken("a@example.com", "h"), { pk: "VT#a@example.com", sk: "VT#h" });
  });

  test("parse every entity by its keys", () => {
    assert.deepEqual(keys.parse({ pk: "USER#u1", sk: "USER#u1", type: "USER" }), { kind: "user", id: "u1" });
    assert.deepEqual(keys.parse({ pk: "USER#u1", sk: "ACCOUNT#github#42", type: "oauth" }), {
      kind: "account",
      userId: "u1",
      provider: "github",
      providerAccountId: "42",
    });
    assert.deepEqual(keys.parse({ pk: "USER#u1", sk: "SESSION#tok" }), { kind: "session", userId: "u1", sessionToken: "tok" });
    assert.deepEqual(keys.parse({ pk: "VT#a@example.com", sk: "VT#h" }), { kind: "verificationToken", identifier: "a@example.com", token: "h" });
  });

  test("a providerAccountId containing '#' stays whole", () => {
    assert.deepEqual(keys.parse({ pk: "USER#u1", sk: "ACCOUNT#okta#tenant#7" }), {
      kind: "account",
      userId: "u1",
      provider: "okta",
      providerAccountId: "tenant#7",
    });
  });

  test("unknown shapes are unknown, not guessed", () => {
    for (const item of [
      { pk: "USER#u1", sk: "PROFILE#x" },
      { pk: "ORDER#1", sk: "ORDER#1" },
      { pk: "USER#", sk: "USER#" },
      { pk: "USER#u1", sk: "ACCOUNT#github" },
      {},
    ]) {
      assert.deepEqual(keys.parse(item), { kind: "unknown" });
    }
  });
});

describe("keys with custom names", () => {
  const keys = keysFor(custom);

  test("use the configured attribute names everywhere", () => {
    assert.deepEqual(keys.user("u1"), { PK: "USER#u1", SK: "USER#u1" });
    assert.deepEqual(keys.sessionIndex("tok"), { lookupPK: "SESSION#tok", lookupSK: "SESSION#tok" });
    assert.deepEqual(keys.keyOf({ PK: "USER#u1", SK: "SESSION#t", pk: "ignored" }), { PK: "USER#u1", SK: "SESSION#t" });
  });

  test("parse through the configured names, ignoring attributes that merely look like default keys", () => {
    assert.deepEqual(keys.parse({ PK: "USER#u1", SK: "SESSION#tok" }), { kind: "session", userId: "u1", sessionToken: "tok" });
    assert.deepEqual(keys.parse({ pk: "USER#u1", sk: "USER#u1" }), { kind: "unknown" });
  });
});
