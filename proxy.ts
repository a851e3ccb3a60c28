import { type NextRequest, NextResponse } from "next/server";
import { serverConfig } from "@/lib/config";
import { dynamoUnavailableResponse } from "@/lib/dynamo/unavailable-page";
import { createNonce, originOf, securityHeaders } from "@/lib/http/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/** /api/v1/ authenticates every request with its API key (lib/api/route.ts) and never takes the console's cookie. */
function isPublic(pathname: string): boolean {
  return (
    pathname.startsWith("/api/v1/") ||
    pathname === "/signin" ||
    pathname.startsWith("/signin/") ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/health" ||
    pathname === "/favicon.svg" ||
    pathname === "/robots.txt"
  );
}

/**
 * Runs on every request but the build's static files (next.config.ts covers those): sets the
 * security headers with a fresh CSP nonce, on the request (Next reads the nonce from it for its
 * own scripts) and on the response. Then, optimistic and cookie-only, sends anonymous visitors
 * to the sign-in page; the real check is in the data access layer. No database calls here.
 */
export function proxy(request: NextRequest) {
  const config = serverConfig();
  const headers = securityHeaders({ nonce: createNonce(), publicUrl: config.url, development: config.development, formTargets: originOf(config.oidc?.issuer) });

  let response: NextResponse | Response;
  const unavailable = dynamoUnavailableResponse(request);
  if (unavailable) {
    response = unavailable;
  } else if (isPublic(request.nextUrl.pathname) || SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    const search = callbackUrl === "/" || callbackUrl.length > 512 ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
    // On AUTH_URL's origin: the Host header, which any client can set, never decides where it points.
    response = NextResponse.redirect(new URL(`/signin${search}`, config.url ?? request.nextUrl.origin), 307);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
