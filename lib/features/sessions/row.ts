import { epochMs } from "@/lib/dynamo/item-values";
import type { ParsedItem } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import { lastActiveEstimate } from "@/lib/features/users/last-active";
import { fingerprint } from "@/lib/secrets";
import type { SessionRow } from "./schema";

export function toSessionRow(item: Item, parsed: Extract<ParsedItem, { kind: "session" }>, now: number, productSessionSeconds: number): SessionRow {
  const expires = epochMs(item.expires);
  return {
    userId: parsed.userId,
    fingerprint: fingerprint(parsed.sessionToken),
    expires,
    live: expires === null || expires > now,
    lastActive: lastActiveEstimate([expires], productSessionSeconds, now),
  };
}
