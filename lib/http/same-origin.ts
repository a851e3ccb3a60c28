import "server-only";
import { serverConfig } from "@/lib/config";

/**
 * Whether a cookie-authenticated POST to a route handler came from the console's own pages.
 * Server actions get this check from Next; route handlers do not, so a cross-site form or
 * fetch carrying an operator's cookie would act in their name.
 *
 * `Sec-Fetch-Site` decides where a browser sends it (no page can set it): same-origin, or none
 * (typed by the operator). Its `Origin` may then be "null": the console's `Referrer-Policy:
 * no-referrer` makes Chromium send that for a form POST. Any other Origin must be the console's.
 * Without `Sec-Fetch-Site` (an older browser) the Origin alone must be the console's, and a
 * request with neither header (no browser sends that) is refused.
 */
export function isSameOriginRequest(request: Request, ownOrigin: string = consoleOrigin(request)): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site !== null) return (site === "same-origin" || site === "none") && (origin === null || origin === "null" || origin === ownOrigin);
  return origin === ownOrigin;
}

/** AUTH_URL's origin; without it (the embedded default) the origin the request was sent to. */
export function consoleOrigin(request: Request): string {
  const url = serverConfig().url;
  return new URL(url ?? request.url).origin;
}

/**
 * Whether a GET download (a CSV that reads the tables and is charged to the operator's read
 * budget) was asked for by another site: a link or an <img> there carries the operator's cookie.
 * A GET has no Origin to check, so only `Sec-Fetch-Site` tells; a browser that does not send it
 * is let through, since nothing changes and the response is not readable across sites.
 */
export function isCrossSiteRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

/** What a download asked for by another site is told. */
export const CROSS_SITE_DOWNLOAD = "This download only runs from the console's own pages: open it from Gatehouse.";
