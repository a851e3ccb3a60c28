import type { ParsedItem } from "@/lib/dynamo/keys";
import type { Item } from "@/lib/dynamo/scan-page";
import { type BlockView, GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/schema";
import { lastActiveEstimate } from "@/lib/features/users/last-active";
import { fingerprint } from "@/lib/secrets";

/** The small, secret-free shapes the pages get. */

export interface UserRow {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
  /** ISO time, or null when the email is not verified. */
  emailVerified: string | null;
  /** Gatehouse's block (gatehouseBlock), active or expired; null when none. */
  block: BlockView | null;
  /** From gatehouse-guard's events.signIn; null until the guard recorded one. */
  lastSignInAt: string | null;
  lastSignInProvider: string | null;
  signInCount: number | null;
}

export interface UserRef {
  id: string;
  email: string | null;
  name: string | null;
  block: BlockView | null;
}

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

export interface AccountRow {
  userId: string;
  provider: string;
  providerAccountId: string;
  type: string;
  scope: string | null;
  /** Access-token expiry, epoch ms. */
  expiresAt: number | null;
  /** Null where the list did not read the token (it is a secret; only the user page asks). */
  hasRefreshToken: boolean | null;
  user?: UserRef | null;
}

export interface SessionRow {
  userId: string;
  fingerprint: string;
  /** Epoch ms. */
  expires: number | null;
  live: boolean;
  /** "Last active ≈" of this session: expires minus the product's session lifetime (an estimate). */
  lastActive: number | null;
  user?: UserRef | null;
}

export interface TokenRow {
  identifier: string;
  fingerprint: string;
  expires: number | null;
  live: boolean;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** `expires` is epoch seconds (maybe fractional) as the adapter writes it; tolerate ISO strings from older writers. */
export function epochMs(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

function isoOrNull(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

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

export function toTokenRow(item: Item, parsed: Extract<ParsedItem, { kind: "verificationToken" }>, now: number): TokenRow {
  const expires = epochMs(item.expires);
  return { identifier: parsed.identifier, fingerprint: fingerprint(parsed.token), expires, live: expires === null || expires > now };
}
