import { epochMs, textOrNull as text } from "@/lib/dynamo/item-values";
import type { ParsedItem } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import type { AccountRow } from "./schema";

export function toAccountRow(item: Item, parsed: Extract<ParsedItem, { kind: "account" }>): AccountRow {
  return {
    userId: parsed.userId,
    provider: parsed.provider,
    providerAccountId: parsed.providerAccountId,
    type: text(item.type) ?? "oauth",
    scope: text(item.scope),
    expiresAt: epochMs(item.expires_at),
    hasRefreshToken: "refresh_token" in item ? typeof item.refresh_token === "string" && item.refresh_token !== "" : null,
  };
}
