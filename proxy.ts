import { NextResponse, type NextRequest } from "next/server";
import { dynamoUnavailableResponse } from "@/lib/dynamo/unavailable-page";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Optimistic, cookie-only: anonymous visitors go to the sign-in page. The real check is in
 * the data access layer, which authorizes every read and write itself.
 */
export function proxy(request: NextRequest) {
  const unavailable = dynamoUnavailableResponse(request);
  if (unavailable) return unavailable;
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" || callbackUrl.length > 512 ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!signin|api/auth|api/health|_next/static|_next/image|favicon.svg|robots.txt).*)"],
};
