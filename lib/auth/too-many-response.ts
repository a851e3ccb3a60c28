import "server-only";
import { statusPageResponse } from "@/lib/http/status-page";

/** The 429 page of a limited sign-in request: when to try again, and nothing else. */
export function tooManySignInsResponse(retryAfterSeconds: number, nonce?: string): Response {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return statusPageResponse({
    status: 429,
    title: "Too many sign-in requests",
    message: `Too many sign-in requests; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    link: { href: "/signin", label: "Back to sign in" },
    headers: { "retry-after": String(retryAfterSeconds) },
    nonce,
  });
}
