import { statusPageResponse } from "@/lib/http/status-page";
import { dynamoIsDown, PROBE_SECONDS } from "./breaker";

/**
 * For the proxy: a 503 page for document and RSC requests while the breaker is open, else
 * null. It needs no script, stylesheet or DynamoDB, and reloads itself, so the console is back
 * as soon as DynamoDB is. Server actions (POST) still reach the server, which answers them with
 * a typed "DynamoDB is unreachable" result that the UI shows in place; /api/* routes answer for
 * themselves (/api/health with its own 503).
 */
export function dynamoUnavailableResponse(request: Request): Response | null {
  if (!dynamoIsDown() || (request.method !== "GET" && request.method !== "HEAD")) return null;
  if (new URL(request.url).pathname.startsWith("/api/")) return null;
  return statusPageResponse(
    {
      status: 503,
      title: "DynamoDB is unreachable",
      message: `Gatehouse cannot reach its DynamoDB endpoint, so it cannot show or change anything right now. Nothing was changed. It checks again every ${PROBE_SECONDS} seconds; this page reloads by itself.`,
      link: { href: "", label: "Try again" },
      headers: { "retry-after": String(PROBE_SECONDS) },
      refreshSeconds: PROBE_SECONDS * 2,
    },
    request.method,
  );
}
