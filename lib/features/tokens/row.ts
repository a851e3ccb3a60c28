import { epochMs } from "@/lib/dynamo/item-values";
import type { ParsedItem } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import { fingerprint } from "@/lib/secrets";
import type { TokenRow } from "./schema";

export function toTokenRow(item: Item, parsed: Extract<ParsedItem, { kind: "verificationToken" }>, now: number): TokenRow {
  const expires = epochMs(item.expires);
  return { identifier: parsed.identifier, fingerprint: fingerprint(parsed.token), expires, live: expires === null || expires > now };
}
