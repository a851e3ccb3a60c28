import { isoOrNull, textOrNull as text } from "@/lib/dynamo/item-values";
import type { Item } from "@/lib/dynamo/scan-page";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import type { UserRef, UserRow } from "./schema";

/** What the lists read of a user item: no secrets live there, but only what is shown is fetched. */
export const USER_ROW_ATTRIBUTES = [
  "id",
  "email",
  "name",
  "image",
  "emailVerified",
  GUARD_ATTRIBUTES.block,
  GUARD_ATTRIBUTES.lastSignInAt,
  GUARD_ATTRIBUTES.lastSignInProvider,
  GUARD_ATTRIBUTES.signInCount,
];
export const USER_REF_ATTRIBUTES = ["id", "email", "name", GUARD_ATTRIBUTES.block];

export function toUserRow(item: Item, id: string, now = Date.now()): UserRow {
  const count = item[GUARD_ATTRIBUTES.signInCount];
  return {
    id,
    email: text(item.email),
    name: text(item.name),
    image: text(item.image),
    emailVerified: isoOrNull(item.emailVerified),
    block: toBlockView(item[GUARD_ATTRIBUTES.block], now),
    lastSignInAt: isoOrNull(item[GUARD_ATTRIBUTES.lastSignInAt]),
    lastSignInProvider: text(item[GUARD_ATTRIBUTES.lastSignInProvider]),
    signInCount: typeof count === "number" && Number.isFinite(count) ? count : null,
  };
}

export function toUserRef(item: Item, id: string, now = Date.now()): UserRef {
  return { id, email: text(item.email), name: text(item.name), block: toBlockView(item[GUARD_ATTRIBUTES.block], now) };
}
