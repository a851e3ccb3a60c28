import assert from "node:assert/strict";
import { test } from "node:test";
import { deviceView, withDevice } from "./device";
import { formatUserAgent, UNKNOWN_BROWSER } from "./format";

const UA = {
  chromeMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  edgeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
};

test("a user agent reads as browser, major version and OS", () => {
  assert.equal(formatUserAgent(UA.chromeMac), "Chrome 131 on macOS");
  assert.equal(formatUserAgent(UA.firefoxLinux), "Firefox 133 on Linux");
  assert.equal(formatUserAgent(UA.safariIphone), "Safari 18 on iOS");
  assert.equal(formatUserAgent(UA.edgeWindows), "Microsoft Edge 131 on Windows");
});

test("what bowser cannot name is an unknown browser, never an error", () => {
  for (const ua of [undefined, null, "", "   "]) assert.equal(formatUserAgent(ua), UNKNOWN_BROWSER);
  assert.equal(UNKNOWN_BROWSER, "Unknown browser");
  assert.doesNotThrow(() => formatUserAgent("\u0000".repeat(600)));
  assert.match(formatUserAgent("zzz/1 totally-unknown"), /^(Unknown browser|zzz)/);
});

test("deviceView: display strings from what the guard stamped; nothing stamped is no view", () => {
  assert.deepEqual(deviceView({ ip: "203.0.113.0/24", userAgent: UA.chromeMac, country: "DE" }), {
    device: "Chrome 131 on macOS",
    userAgent: UA.chromeMac,
    network: "203.0.113.0/24",
    country: "DE",
  });
  assert.deepEqual(deviceView({ ip: "203.0.113.0/24" }), { device: UNKNOWN_BROWSER, network: "203.0.113.0/24" });
  assert.equal(deviceView({}), undefined);
  assert.equal(deviceView({ ip: 42, userAgent: "" }), undefined);
});

test("withDevice: an event's raw device fields become one view; events without them are unchanged", () => {
  const base = { id: "1#0", type: "sign-in" as const, at: "2026-12-08T00:00:00.000Z", by: "product" as const, userId: "u" };
  assert.deepEqual(withDevice({ ...base, ip: "2001:db8::/48", userAgent: UA.firefoxLinux, country: "FR" }), {
    ...base,
    device: { device: "Firefox 133 on Linux", userAgent: UA.firefoxLinux, network: "2001:db8::/48", country: "FR" },
  });
  assert.deepEqual(withDevice(base), base);
});
