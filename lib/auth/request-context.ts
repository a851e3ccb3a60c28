import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { serverConfig } from "@/lib/config";
import { clientAddress, PEER_CHAIN_HEADER } from "@/lib/http/client-address";

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
  const chain = list?.get(PEER_CHAIN_HEADER);
  return {
    // Always ours: a client-chosen id could collide with another entry's tombstone.
    requestId: randomUUID(),
    // Never X-Forwarded-For's first entry or X-Real-IP: any client can write those.
    ip: (chain && clientAddress(chain, serverConfig().trustedProxies)) || "unknown",
    userAgent: (list?.get("user-agent") ?? "unknown").slice(0, 256),
  };
}
