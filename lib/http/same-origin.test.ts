import assert from "node:assert/strict";
import { test } from "node:test";
import { isCrossSiteRequest, isSameOriginRequest } from "./same-origin";

const own = "https://gatehouse.example.com";
const post = (headers: Record<string, string>) => new Request(`${own}/users/u-1/export`, { method: "POST", headers });

test("a POST from the console's own page passes: same-origin, or Origin alone (older browsers), or a typed request (none)", () => {
  // Referrer-Policy: no-referrer makes Chromium send Origin: null with a same-origin form POST.
  assert.equal(isSameOriginRequest(post({ origin: "null", "sec-fetch-site": "same-origin" }), own), true);
  assert.equal(isSameOriginRequest(post({ origin: own, "sec-fetch-site": "same-origin" }), own), true);
  assert.equal(isSameOriginRequest(post({ origin: own }), own), true);
  assert.equal(isSameOriginRequest(post({ "sec-fetch-site": "same-origin" }), own), true);
  assert.equal(isSameOriginRequest(post({ "sec-fetch-site": "none" }), own), true);
});

test("another site, a sibling subdomain, an opaque origin, or neither header is refused", () => {
  const refused: Record<string, string>[] = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { origin: "https://gatehouse.example.com.evil.example" },
    { origin: "http://gatehouse.example.com" },
    { origin: "null" },
    { origin: "null", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
    { origin: own, "sec-fetch-site": "same-site" },
    { origin: own, "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "cross-site" },
    {},
  ];
  for (const headers of refused) {
    assert.equal(isSameOriginRequest(post(headers), own), false, JSON.stringify(headers));
  }
});

test("a GET download is cross-site only when the browser says so: another site or a sibling subdomain", () => {
  const get = (headers: Record<string, string>) => new Request("https://gatehouse.example.com/audit/export", { headers });
  for (const site of ["cross-site", "same-site"]) assert.equal(isCrossSiteRequest(get({ "sec-fetch-site": site })), true, site);
  for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[])
    assert.equal(isCrossSiteRequest(get(headers)), false, JSON.stringify(headers));
});
