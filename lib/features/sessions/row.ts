import { SESSION_ATTRIBUTES } from "@/guard/src/contract";
import { epochMs } from "@/lib/dynamo/item-values";
import type { ParsedItem } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import { lastActiveEstimate } from "@/lib/features/users/last-active";
import { fingerprint } from "@/lib/secrets";
import type { SessionRow } from "./schema";

/** The session item's attributes a row reads, besides its keys: what listings project. */
export const SESSION_ROW_ATTRIBUTES = ["expires", "createdAt", ...Object.values(SESSION_ATTRIBUTES)];

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);

export function toSessionRow(item: Item, parsed: Extract<ParsedItem, { kind: "session" }>, now: number, productSessionSeconds: number): SessionRow {
  const expires = epochMs(item.expires);
  const [ip, userAgent, country] = [text(item[SESSION_ATTRIBUTES.ip]), text(item[SESSION_ATTRIBUTES.userAgent]), text(item[SESSION_ATTRIBUTES.country])];
  return {
    userId: parsed.userId,
    fingerprint: fingerprint(parsed.sessionToken),
    expires,
    live: expires === null || expires > now,
    lastActive: lastActiveEstimate([expires], productSessionSeconds, now),
    signedIn: epochMs(item.createdAt),
    ...(ip && { ip }),
    ...(userAgent && { userAgent }),
    ...(country && { country }),
  };
}
