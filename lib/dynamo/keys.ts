import type { TableSchema } from "@/lib/config";

/**
 * Builds and parses the keys `@auth/dynamodb-adapter` writes, through the configured
 * attribute names (never the literal `pk`/`sk`/`GSI1PK`/`GSI1SK`).
 */

export const prefixes = {
  user: "USER#",
  account: "ACCOUNT#",
  session: "SESSION#",
  verificationToken: "VT#",
} as const;

/** The partition of gatehouse-guard's heartbeat items (docs/guard.md): Gatehouse's own, not the adapter's. */
export const GUARD_PARTITION = "GATEHOUSE#GUARD";

export type Key = Record<string, string>;

export type ParsedItem =
  | { kind: "user"; id: string }
  | { kind: "account"; userId: string; provider: string; providerAccountId: string }
  | { kind: "session"; userId: string; sessionToken: string }
  | { kind: "verificationToken"; identifier: string; token: string }
  | { kind: "guardHeartbeat"; appName: string }
  | { kind: "unknown" };

function after(value: unknown, prefix: string): string | undefined {
  return typeof value === "string" && value.startsWith(prefix) && value.length > prefix.length ? value.slice(prefix.length) : undefined;
}

export function keysFor(schema: TableSchema) {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = schema;
  const primary = (p: string, s: string): Key => ({ [pk]: p, [sk]: s });

  return {
    names: { pk, sk, gpk, gsk },

    user: (id: string) => primary(`${prefixes.user}${id}`, `${prefixes.user}${id}`),
    userIndex: (email: string) => ({ [gpk]: `${prefixes.user}${email}`, [gsk]: `${prefixes.user}${email}` }),
    userPartition: (userId: string) => `${prefixes.user}${userId}`,

    account: (userId: string, provider: string, providerAccountId: string) =>
      primary(`${prefixes.user}${userId}`, `${prefixes.account}${provider}#${providerAccountId}`),
    accountIndex: (provider: string, providerAccountId: string) => ({
      [gpk]: `${prefixes.account}${provider}`,
      [gsk]: `${prefixes.account}${providerAccountId}`,
    }),
    providerPartition: (provider: string) => `${prefixes.account}${provider}`,

    session: (userId: string, sessionToken: string) => primary(`${prefixes.user}${userId}`, `${prefixes.session}${sessionToken}`),
    sessionIndex: (sessionToken: string) => ({
      [gpk]: `${prefixes.session}${sessionToken}`,
      [gsk]: `${prefixes.session}${sessionToken}`,
    }),

    verificationToken: (identifier: string, token: string) => primary(`${prefixes.verificationToken}${identifier}`, `${prefixes.verificationToken}${token}`),
    verificationTokenPartition: (identifier: string) => `${prefixes.verificationToken}${identifier}`,

    /** The primary key of any item, read through the configured names. */
    keyOf: (item: Record<string, unknown>): Key => primary(String(item[pk]), String(item[sk])),

    /** What an item is, judged by its keys (accounts carry their own `type`, so `type` can't tell). */
    parse(item: Record<string, unknown>): ParsedItem {
      const p = item[pk];
      const s = item[sk];
      const userId = after(p, prefixes.user);
      if (userId !== undefined) {
        if (s === p) return { kind: "user", id: userId };
        const session = after(s, prefixes.session);
        if (session !== undefined) return { kind: "session", userId, sessionToken: session };
        const account = after(s, prefixes.account);
        const split = account?.indexOf("#") ?? -1;
        if (account !== undefined && split > 0 && split < account.length - 1) {
          return { kind: "account", userId, provider: account.slice(0, split), providerAccountId: account.slice(split + 1) };
        }
        return { kind: "unknown" };
      }
      if (p === GUARD_PARTITION && typeof s === "string" && s !== "") return { kind: "guardHeartbeat", appName: s };
      const identifier = after(p, prefixes.verificationToken);
      const token = after(s, prefixes.verificationToken);
      if (identifier !== undefined && token !== undefined) return { kind: "verificationToken", identifier, token };
      return { kind: "unknown" };
    },
  };
}

export type TableKeys = ReturnType<typeof keysFor>;
