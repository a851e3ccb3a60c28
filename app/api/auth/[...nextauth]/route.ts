import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { retryAfterFrom, TOO_MANY_PATH } from "@/lib/auth/sign-in-gate";
import { tooManySignInsResponse } from "@/lib/auth/too-many-response";

export const { GET } = handlers;

/** Auth.js's own sign-in endpoint answers a limited request with the 429 itself, not a redirect to it. */
export async function POST(request: NextRequest) {
  const response = await handlers.POST(request);
  const location =
    response.headers.get("location") ??
    (response.headers.get("content-type")?.includes("json")
      ? (
          (await response
            .clone()
            .json()
            .catch(() => null)) as { url?: string } | null
        )?.url
      : undefined);
  if (!location) return response;
  const target = new URL(location, request.nextUrl.origin);
  if (target.pathname !== TOO_MANY_PATH) return response;
  return tooManySignInsResponse(retryAfterFrom(target.searchParams.get("retry")));
}
