import "server-only";
import { recordCollapsedAuditEvent } from "@/lib/audit/writer";
import { requestContext } from "./request-context";

/** Where a refused SSO sign-in lands: a fixed message, nothing taken from the URL. */
export const UNVERIFIED_EMAIL_PATH = "/signin/error?error=EmailNotVerified";

/**
 * Whether the IdP vouches for the address. OpenID Connect Core 1.0 (5.1) makes
 * `email_verified` a boolean; the string "true" is accepted as well, since some IdPs send every
 * claim as a string (Amazon Cognito's userinfo does) and it is just as explicit. Anything else,
 * a missing claim included, is not a verification: an IdP that lets users type in any address
 * would otherwise make anyone at an allow-listed @domain an operator.
 */
export function emailIsVerified(profile: Record<string, unknown> | null | undefined): boolean {
  const claim = profile?.email_verified;
  return claim === true || claim === "true";
}

/**
 * The signIn callback's answer to an SSO identity whose address is not verified: audited like
 * the other refusals (one entry per address per hour), before the adapter writes anything.
 */
export async function refuseUnverifiedEmail(provider: string, email: string | null | undefined): Promise<string> {
  const address = (email ?? "").toLowerCase() || "unknown";
  await recordCollapsedAuditEvent(
    { email: address, role: "none", kind: "visitor" },
    await requestContext(),
    "sign-in-refused",
    { email: address, provider },
    `unverified:${provider}:${address}`,
  );
  return UNVERIFIED_EMAIL_PATH;
}
