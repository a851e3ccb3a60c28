import assert from "node:assert/strict";
import { test } from "node:test";
import { editUserSchema } from "@/lib/features/edit-user/schema";
import { changedFields, checkImageUrl, linkableImageUrl } from "./preview";

const seen = { email: "ana@example.com", name: "Ana", image: null, emailVerified: "2026-11-01T10:00:00.000Z" };
const parse = (fields: Record<string, unknown>) => editUserSchema.safeParse({ userId: "u1", seen, ...fields });

test("the image URL must be http or https, without credentials: the action's zod schema refuses the rest", () => {
  for (const image of [
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    "ftp://example.com/a.png",
    "file:///etc/passwd",
    "//example.com/a.png",
    "example.com/a.png",
    "https://user:pw@example.com/a.png",
    `https://example.com/${"a".repeat(2100)}`,
  ]) {
    assert.equal(parse({ image }).success, false, image);
    assert.equal(checkImageUrl(image).ok, false, image);
  }
  const ok = parse({ image: " https://avatars.example.com/u/1.png " });
  assert.ok(ok.success);
  assert.equal(ok.data.image, "https://avatars.example.com/u/1.png");
  const cleared = parse({ image: "  " });
  assert.ok(cleared.success);
  assert.equal(cleared.data.image, null);
});

test("the action normalizes the email as Auth.js does and refuses what it refuses", () => {
  const ok = parse({ email: " Bob@Example.COM " });
  assert.ok(ok.success);
  assert.equal(ok.data.email, "bob@example.com");
  // Auth.js would keep "example.com" of "example.com,evil.test"; a list pasted by mistake is refused instead.
  assert.equal(parse({ email: "bob@example.com,evil.test" }).success, false);
  assert.equal(parse({ email: '"x@evil.test"@example.com' }).success, false);
  assert.equal(parse({ email: "no-at-sign" }).success, false);
});

test("names: empty clears, control characters refused", () => {
  const cleared = parse({ name: "   " });
  assert.ok(cleared.success);
  assert.equal(cleared.data.name, null);
  assert.equal(parse({ name: "a\u0000b" }).success, false);
});

test("changedFields lists only what really changes, with its value before", () => {
  const now = Date.parse("2026-12-02T12:00:00.000Z");
  assert.deepEqual(changedFields(seen, { name: "Ana", email: "ana@example.com" }, now), { before: {}, after: {} });
  assert.deepEqual(changedFields(seen, { email: "bob@example.com", emailVerified: "clear" }, now), {
    before: { email: "ana@example.com", emailVerified: "2026-11-01T10:00:00.000Z" },
    after: { email: "bob@example.com", emailVerified: null },
  });
  assert.deepEqual(changedFields(seen, { emailVerified: "now" }, now).after, { emailVerified: "2026-12-02T12:00:00.000Z" });
});

test("only http(s) stored images become links", () => {
  assert.equal(linkableImageUrl("https://a.example.com/x.png"), "https://a.example.com/x.png");
  assert.equal(linkableImageUrl("javascript:alert(1)"), null);
  assert.equal(linkableImageUrl("not a url"), null);
  assert.equal(linkableImageUrl(null), null);
});
