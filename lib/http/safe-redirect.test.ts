import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath, safeRedirectUrl, sameOriginPath } from "./safe-redirect";

const origin = "http://localhost:3000";

/** Known open-redirect payloads (as they arrive, i.e. after URL decoding of the query string). */
const payloads = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/%09/evil.example".replace("%09", "\t"),
  "https://evil.example",
  "http://evil.example/path",
  "HTTPS://evil.example",
  "https:evil.example",
  "http:/evil.example",
  "//evil.example/%2F..",
  "https://localhost:3000@evil.example",
  "http://localhost:3000.evil.example/",
  "http://localhost:3001/",
  "https://localhost:3000/",
  "http://user:pass@localhost:3000/",
  "javascript:alert(1)",
  "JavaScript:alert(document.domain)",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "javascript://localhost:3000/%0aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "evil.example",
  "@evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  "\u0001//evil.example",
  "",
  "x".repeat(600),
];

test(`${payloads.length} open-redirect payloads all go home`, () => {
  assert.ok(payloads.length >= 30);
  for (const payload of payloads) {
    assert.equal(safeCallbackPath(payload, origin), "/", JSON.stringify(payload));
    assert.equal(sameOriginPath(payload, origin), null, JSON.stringify(payload));
    const target = new URL(safeRedirectUrl(payload, origin));
    assert.equal(target.origin, origin, JSON.stringify(payload));
    assert.equal(target.pathname, "/", JSON.stringify(payload));
  }
});

test("encoded forms stay encoded paths on the console's origin", () => {
  for (const payload of ["/%2F%2Fevil.example", "/%5Cevil.example", "/%09/evil.example", "/%2f%2fevil.example", "/%252F%252Fevil.example"]) {
    const path = safeCallbackPath(payload, origin);
    assert.equal(path, payload, JSON.stringify(payload));
    assert.equal(new URL(path, "https://any.example").host, "any.example", "a browser resolves it on the console");
  }
});

test("same-origin paths and URLs are kept, as paths", () => {
  assert.equal(safeCallbackPath("/users?pageSize=50", origin), "/users?pageSize=50");
  assert.equal(safeCallbackPath("/users/abc#sessions", origin), "/users/abc#sessions");
  assert.equal(safeCallbackPath(`${origin}/sessions?expired=1`, origin), "/sessions?expired=1");
  assert.equal(safeCallbackPath("/a/../b", origin), "/b");
  assert.equal(safeCallbackPath("/users/ä", origin), "/users/%C3%A4");
  assert.equal(safeCallbackPath("/users"), "/users", "paths need no origin");
  assert.equal(safeCallbackPath(`${origin}/users`), "/", "absolute URLs do: without one nothing absolute is the console");
});

test("sign-in pages and the API are not landing pages, but Auth.js may still redirect to them", () => {
  for (const path of ["/signin", "/signin?callbackUrl=/x", "/signin/check-email", "/api/auth/signout", "/api/health"]) {
    assert.equal(safeCallbackPath(path, origin), "/", path);
  }
  assert.equal(safeCallbackPath("/signing-off", origin), "/signing-off");
  assert.equal(safeRedirectUrl("/signin/not-allowed", origin), `${origin}/signin/not-allowed`);
  assert.equal(safeRedirectUrl(`${origin}/users`, origin), `${origin}/users`);
  assert.equal(safeRedirectUrl("/users", `${origin}/`), `${origin}/users`);
});

test("anything that is not a string goes home", () => {
  for (const value of [undefined, null, 42, ["/users"], { href: "/users" }]) assert.equal(safeCallbackPath(value, origin), "/");
});
