import assert from "node:assert/strict";
import { test } from "node:test";
import { statusPageHtml, statusPageResponse } from "./status-page";

test("a status page escapes what it shows and carries the status, no-store and extra headers", async () => {
  const html = statusPageHtml({
    status: 503,
    title: "<b>Down</b>",
    message: `"quoted" & <script>x</script>`,
    link: { href: "/?a=1&b=2", label: "Retry" },
    nonce: "abc",
  });
  assert.doesNotMatch(html, /<script>|<b>/);
  assert.match(html, /&#60;b&#62;Down&#60;\/b&#62;/);
  assert.match(html, /href="\/\?a=1&#38;b=2"/);
  assert.match(html, /<style nonce="abc">/);
  const response = statusPageResponse({ status: 429, title: "Slow down", message: "Later.", headers: { "retry-after": "60" } });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("retry-after"), "60");
  assert.match(response.headers.get("content-type")!, /^text\/html/);
  assert.match(await response.text(), /<h1>Slow down<\/h1>/);
});
