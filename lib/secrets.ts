import { createHash } from "node:crypto";
import { plural } from "@/lib/format/plural";

/** Attributes whose values are credentials: never sent to the browser, never logged, whatever is configured. */
export const SECRET_ATTRIBUTES = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "session_state",
  "sessionToken",
  "token",
  "oauth_token",
  "oauth_token_secret",
]);

export type RawEntity = "user" | "account" | "session" | "verificationToken" | "unknown";

/**
 * What the adapter writes and is known to be safe, per entity. Everything else, whoever added
 * it to the item (a product's `passwordHash`, `apiKey`, a map of settings), is shown only as
 * its type and size. The keys and `type` are shown for every entity.
 */
export const SHOWN_ATTRIBUTES: Record<RawEntity, readonly string[]> = {
  // Plus what Gatehouse and gatehouse-guard write (docs/guard.md): the block, the revocation time, the sign-in record.
  user: [
    "id",
    "email",
    "name",
    "emailVerified",
    "image",
    "gatehouseBlock",
    ...["since", "until", "reason", "by"].map((k) => `gatehouseBlock.${k}`),
    "gatehouseRevokedAt",
    "lastSignInAt",
    "lastSignInProvider",
    "signInCount",
    "createdAt",
  ],
  account: ["id", "userId", "provider", "providerAccountId", "scope", "token_type", "expires_at"],
  session: ["id", "userId", "expires", "createdAt"],
  verificationToken: ["identifier", "expires"],
  unknown: [],
};

export interface RedactOptions {
  keys: { pk: string; sk: string; gpk: string; gsk: string };
  entity: RawEntity;
  /** More names shown in clear (GATEHOUSE_SHOW_ATTRIBUTES); `a.b` for an entry of the map `a`. */
  show?: readonly string[];
}

/** A short, stable, non-reversible name for a secret (a session token, a verification token hash). */
export function fingerprint(secret: string): string {
  return sha256Hex(secret).slice(0, 10);
}

/** The full hex SHA-256: where a name must never collide with another (a short fingerprint's 40 bits can be made to). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Type and size, never content: "string of 64 characters", "map of 3 entries". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `string of ${plural(value.length, "character", "characters")}`;
  if (typeof value === "number" || typeof value === "bigint") return "number";
  if (typeof value === "boolean") return "boolean";
  if (value instanceof Uint8Array) return `binary of ${plural(value.byteLength, "byte", "bytes")}`;
  if (value instanceof Set) return `set of ${plural(value.size, "item", "items")}`;
  if (Array.isArray(value)) return `list of ${plural(value.length, "item", "items")}`;
  if (typeof value === "object") return `map of ${plural(Object.keys(value).length, "entry", "entries")}`;
  return typeof value;
}

const redacted = (value: unknown) => `‹redacted, ${describeValue(value)}›`;
const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Set) && !(value instanceof Uint8Array);

/**
 * A copy of an item safe to show: attributes known to be safe for its entity in clear, every
 * other one as its type and size, nested maps included; key values that embed a token
 * (`SESSION#<token>` keys, the `VT#<token>` sort key) cut down to prefix and fingerprint.
 */
export function redactItem(item: Record<string, unknown>, { keys, entity, show = [] }: RedactOptions): Record<string, unknown> {
  const shown = new Set([...SHOWN_ATTRIBUTES[entity], ...show]);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if ([keys.pk, keys.sk, keys.gpk, keys.gsk].includes(name)) out[name] = keyValue(name, value, keys);
    else if (name === "type" && typeof value === "string") out[name] = value;
    else out[name] = shownValue(name, value, shown);
  }
  return out;
}

function shownValue(path: string, value: unknown, shown: ReadonlySet<string>): unknown {
  const name = path.slice(path.lastIndexOf(".") + 1);
  if (SECRET_ATTRIBUTES.has(name) || !shown.has(path)) return redacted(value);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, shownValue(`${path}.${key}`, entry, shown)]));
  if (Array.isArray(value) || value instanceof Set)
    return [...value].map((entry) => (isMap(entry) || Array.isArray(entry) || entry instanceof Set ? redacted(entry) : entry));
  if (value instanceof Uint8Array) return redacted(value);
  return value;
}

function keyValue(name: string, value: unknown, keys: RedactOptions["keys"]): unknown {
  if (typeof value !== "string") return value;
  const prefix = value.startsWith("SESSION#") ? "SESSION#" : name === keys.sk && value.startsWith("VT#") ? "VT#" : null;
  return prefix ? `${prefix}‹token ${fingerprint(value.slice(prefix.length))}›` : value;
}
