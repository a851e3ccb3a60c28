import { PROBE_SECONDS, dynamoIsDown } from "./breaker";

/**
 * Self-contained (no scripts, no stylesheet, no DynamoDB): the proxy can send it while
 * DynamoDB is unreachable. It reloads itself, so the console is back as soon as DynamoDB is.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${PROBE_SECONDS * 2}"><title>DynamoDB is unreachable · Gatehouse</title>
<style>:root{color-scheme:light dark;font-family:ui-sans-serif,system-ui,sans-serif}body{margin:0;display:grid;min-height:100vh;place-items:center;background:Canvas;color:CanvasText}main{max-width:28rem;padding:1.5rem;border:1px solid color-mix(in srgb,CanvasText 20%,transparent);border-radius:.5rem;text-align:center}p{opacity:.8;font-size:.875rem;line-height:1.5}a{color:LinkText}</style>
</head><body><main role="alert"><h1>DynamoDB is unreachable</h1>
<p>Gatehouse cannot reach its DynamoDB endpoint, so it cannot show or change anything right now. Nothing was changed. It checks again every ${PROBE_SECONDS} seconds; this page reloads by itself.</p>
<p><a href="">Try again</a></p></main></body></html>`;

/**
 * For the proxy: a 503 page for document and RSC requests while the breaker is open, else
 * null. Server actions (POST) still reach the server, which answers them with a typed
 * "DynamoDB is unreachable" result that the UI shows in place.
 */
export function dynamoUnavailableResponse(request: Request): Response | null {
  if (!dynamoIsDown() || (request.method !== "GET" && request.method !== "HEAD")) return null;
  return new Response(request.method === "HEAD" ? null : PAGE, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(PROBE_SECONDS) },
  });
}
