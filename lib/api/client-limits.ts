import "server-only";
import { serverConfig } from "@/lib/config";
import { clientAddress, limitedAddress, PEER_CHAIN_HEADER } from "@/lib/http/client-address";
import { type LimitVerdict, RateLimitedError, retryIn } from "@/lib/limits/rate-limit";
import { hitLimitRemembering, knownOverLimit } from "@/lib/limits/remembered-refusals";

/** The /api/v1/ limits counted per client address rather than per key. */
export type ClientLimit = "api-auth" | "api-docs";

const counted: Record<ClientLimit, string> = {
  "api-auth": "sent an unknown, revoked or expired API key",
  "api-docs": "fetched the OpenAPI document",
};

/** Who connected, as the audit log names them: never X-Forwarded-For's first entry (any client can write it). */
export const clientOf = (request: Request): string => clientAddress(request.headers.get(PEER_CHAIN_HEADER), serverConfig().trustedProxies) ?? "unknown";

function limited(name: ClientLimit, verdict: LimitVerdict): RateLimitedError {
  const limit = serverConfig().rateLimits[name];
  const times = limit ? `${limit.max} times in ${limit.windowSeconds} seconds` : "too often";
  return new RateLimitedError(
    `This client address ${counted[name]} ${times}, its limit (${name} in GATEHOUSE_RATE_LIMITS); try again ${retryIn(verdict.retryAfterSeconds)}.`,
    verdict.retryAfterSeconds,
  );
}

/** Refuses an address (an IPv6 one by its /64: limitedAddress) this instance already knows is over `name`, before any DynamoDB request. */
export function refuseKnownClient(name: ClientLimit, client: string): void {
  const known = knownOverLimit(name, limitedAddress(client));
  if (known) throw limited(name, known);
}

/** Counts one request of the address (an IPv6 one by its /64) against `name`; over it, refused. */
export async function countClient(name: ClientLimit, client: string): Promise<void> {
  const verdict = await hitLimitRemembering(name, limitedAddress(client));
  if (!verdict.allowed) throw limited(name, verdict);
}
