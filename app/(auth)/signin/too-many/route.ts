import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { retryAfterFrom } from "@/lib/auth/sign-in-gate";
import { tooManySignInsResponse } from "@/lib/auth/too-many-response";

/** Where a limited sign-in request lands: a real 429 with Retry-After. */
export async function GET(request: NextRequest) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return tooManySignInsResponse(retryAfterFrom(request.nextUrl.searchParams.get("retry")), nonce);
}
