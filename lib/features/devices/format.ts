import "server-only";
import Bowser from "bowser";

export const UNKNOWN_BROWSER = "Unknown browser";

/** "131.0.0.0" → "131": the major version is what an operator compares. */
const major = (version: string | undefined) => version?.match(/^\d+/)?.[0];

/**
 * A user agent as an operator reads it: "Chrome 131 on macOS", "Safari on iOS", "Unknown browser".
 * Server-only: bowser stays out of the pages' first-load JS; client components get the string.
 */
export function formatUserAgent(userAgent: string | undefined | null): string {
  if (!userAgent?.trim()) return UNKNOWN_BROWSER;
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(userAgent);
  } catch {
    return UNKNOWN_BROWSER;
  }
  const name = parsed.browser.name?.trim();
  const os = parsed.os.name?.trim();
  if (!name) return os ? `${UNKNOWN_BROWSER} on ${os}` : UNKNOWN_BROWSER;
  const version = major(parsed.browser.version);
  return `${name}${version ? ` ${version}` : ""}${os ? ` on ${os}` : ""}`;
}
