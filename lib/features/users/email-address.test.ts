import assert from "node:assert/strict";
import { describe, test } from "node:test";
// Not exported by the package: read from its file, so the test compares with the code the product runs.
import { defaultNormalizer } from "@/node_modules/@auth/core/lib/actions/signin/send-token.js";
import { normalizeEmail } from "./email-address";

describe("normalizeEmail", () => {
  test("gives exactly what Auth.js's email providers look users up by", () => {
    for (const input of ["Ana@Example.com", "  ana@example.com ", "ANA.LIMA+tag@Sub.Example.COM", "ａｎａ@example.com", "ana＠example.com"]) {
      const normalized = normalizeEmail(input);
      assert.ok(normalized.ok, input);
      assert.equal(normalized.email, defaultNormalizer(input), input);
    }
    assert.deepEqual(normalizeEmail("  Ana@Example.COM\t"), { ok: true, email: "ana@example.com" });
  });

  test("refuses what Auth.js refuses", () => {
    for (const input of [
      "",
      "   ",
      "ana",
      "ana@",
      "@example.com",
      "ana@b@example.com",
      '"ana"@example.com',
      '"attacker@evil.com"@victim.com',
      "ana＠b＠example.com",
    ]) {
      assert.equal(normalizeEmail(input).ok, false, input);
      assert.throws(() => defaultNormalizer(input), Error, `Auth.js refuses ${JSON.stringify(input)} too`);
    }
  });

  test("refuses lists, spaces and control characters Auth.js would silently cut or keep", () => {
    for (const input of [
      "ana@example.com,eve@evil.test",
      "ana lima@example.com",
      "ana@exa mple.com",
      "ana\u0000@example.com",
      "<ana@example.com>",
      `${"a".repeat(250)}@example.com`,
    ]) {
      const normalized = normalizeEmail(input);
      assert.equal(normalized.ok, false, input);
      if (!normalized.ok) assert.ok(normalized.error.length > 0);
    }
  });
});
