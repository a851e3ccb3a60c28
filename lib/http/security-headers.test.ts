import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy, createNonce, nonceOf, originOf, securityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

test("a page's policy: nonce and strict-dynamic for scripts, no inline script, no eval, nothing may frame it", () => {
  const csp = directives(contentSecurityPolicy({ nonce: "abc123", publicUrl: "http://localhost:3000" }));
  assert.deepEqual(csp.get("script-src"), ["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(csp.get("form-action"), ["'self'"]);
  assert.deepEqual(csp.get("base-uri"), ["'none'"]);
  assert.deepEqual(csp.get("object-src"), ["'none'"]);
  assert.deepEqual(csp.get("img-src"), ["'self'", "data:"]);
  assert.deepEqual(csp.get("connect-src"), ["'self'"]);
  assert.equal(csp.has("upgrade-insecure-requests"), false, "http: nothing to upgrade to");
});

test("'unsafe-eval' only for next dev", () => {
  assert.doesNotMatch(contentSecurityPolicy({ nonce: "n" }), /unsafe-eval/);
  assert.match(
    directives(contentSecurityPolicy({ nonce: "n", development: true }))
      .get("script-src")!
      .join(" "),
    /'unsafe-eval'/,
  );
});

test("static files get a policy that runs no script at all", () => {
  const csp = directives(contentSecurityPolicy({}));
  assert.deepEqual(csp.get("script-src"), ["'none'"]);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
});

test("the OIDC issuer's origin may receive the SSO form's redirect", () => {
  assert.deepEqual(directives(contentSecurityPolicy({ nonce: "n", formTargets: originOf("https://id.example.com/realms/ops") })).get("form-action"), [
    "'self'",
    "https://id.example.com",
  ]);
  assert.deepEqual(originOf("not a url"), []);
  assert.deepEqual(originOf(undefined), []);
});

test("the other headers, and HSTS only when AUTH_URL is https", () => {
  const http = securityHeaders({ nonce: "n", publicUrl: "http://localhost:3000" });
  assert.equal(http["X-Frame-Options"], "DENY");
  assert.equal(http["X-Content-Type-Options"], "nosniff");
  assert.equal(http["Referrer-Policy"], "no-referrer");
  assert.equal(http["Cross-Origin-Opener-Policy"], "same-origin");
  assert.match(http["Permissions-Policy"]!, /camera=\(\), microphone=\(\), geolocation=\(\)/);
  assert.equal(http["Strict-Transport-Security"], undefined);
  assert.equal(securityHeaders({ nonce: "n" })["Strict-Transport-Security"], undefined, "no AUTH_URL (embedded): no HSTS");

  const https = securityHeaders({ nonce: "n", publicUrl: "https://gatehouse.example.com" });
  assert.equal(https["Strict-Transport-Security"], "max-age=31536000");
  assert.ok(directives(https["Content-Security-Policy"]!).has("upgrade-insecure-requests"));
});

test("nonces are fresh, 128-bit base64, and read back from a policy", () => {
  const a = createNonce();
  assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(a, createNonce());
  assert.equal(nonceOf(contentSecurityPolicy({ nonce: a })), a);
  assert.equal(nonceOf(null), undefined);
  assert.equal(nonceOf(contentSecurityPolicy({})), undefined);
});
