import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";

export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string;
}

/** Who asked, for the audit log: request id, client address and user agent of the current request. */
export async function requestContext(): Promise<RequestContext> {
  let list: Headers | undefined;
  try {
    list = await headers();
  } catch {
    // outside a request (scripts, tests)
  }
  const forwarded = list?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    // Always ours: a client-chosen id could collide with another entry's tombstone.
    requestId: randomUUID(),
    ip: (forwarded || list?.get("x-real-ip") || "unknown").slice(0, 64),
    userAgent: (list?.get("user-agent") ?? "unknown").slice(0, 256),
  };
}
