import "server-only";
import { recordCollapsedAuditEvent } from "@/lib/audit/writer";
import { roleFor } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import { limitedAddress } from "@/lib/http/client-address";
import { hitLimit, type LimitVerdict } from "@/lib/limits/rate-limit";
import type { RequestContext } from "./request-context";

export const TOO_MANY_PATH = "/signin/too-many";
/** Where Auth.js sends every successful link request; refused ones go there too, so both look the same. */
export const LINK_SENT_PATH = "/api/auth/verify-request?provider=nodemailer&type=email";

export type LinkRequestVerdict = { kind: "send" } | { kind: "refused" } | { kind: "limited"; retryAfterSeconds: number };

const limited = (verdict: LimitVerdict): LinkRequestVerdict => ({ kind: "limited", retryAfterSeconds: verdict.retryAfterSeconds });

/**
 * A request for a magic link, before any mail or item: the client address and the email each
 * have a limit, counted for allowed and refused addresses alike (a limit that only allowed
 * addresses hit would tell them apart); an IPv6 client is counted by its /64. A refused address
 * is audited, collapsed per hour. `now` is the gate's clock (tests give their own).
 */
export async function gateLinkRequest(email: string | null | undefined, context: RequestContext, now = new Date()): Promise<LinkRequestVerdict> {
  const address = (email ?? "").trim().toLowerCase();
  const byClient = await hitLimit("signin-ip", limitedAddress(context.ip), { now: now.getTime() });
  if (!byClient.allowed) return limited(byClient);
  const byAddress = await hitLimit("signin-email", address, { now: now.getTime() });
  if (!byAddress.allowed) return limited(byAddress);
  if (roleFor(address, serverConfig())) return { kind: "send" };
  await recordCollapsedAuditEvent(
    { email: address || "unknown", role: "none", kind: "visitor" },
    context,
    "sign-in-refused",
    address ? { email: address } : {},
    address,
    now,
  );
  return { kind: "refused" };
}

/** What Auth.js's signIn callback answers for a link request: go on, or where to send the caller instead. */
export function linkRequestAnswer(verdict: LinkRequestVerdict): true | string {
  if (verdict.kind === "send") return true;
  if (verdict.kind === "refused") return LINK_SENT_PATH;
  return `${TOO_MANY_PATH}?retry=${verdict.retryAfterSeconds}`;
}

/** The seconds a too-many URL carries, bounded: the page shows a number, never text from the URL. */
export function retryAfterFrom(value: string | null): number {
  const seconds = Number(value);
  return Number.isInteger(seconds) && seconds > 0 ? Math.min(seconds, 24 * 3600) : 60;
}
