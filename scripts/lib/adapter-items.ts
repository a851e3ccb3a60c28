import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import type { DemoPlan, PlannedAccount, PlannedSession, PlannedToken, PlannedUser } from "./demo-data";

/**
 * The items `@auth/dynamodb-adapter` 2.11.3 writes, built directly (no adapter, no PutItem per
 * item) so a benchmark can fill a table with 100,000 of them in seconds. Each builder mirrors one
 * adapter method; `adapter-items.test.ts` proves the items equal what the adapter writes.
 */

export type StoredItem = Record<string, unknown>;

/** The adapter's `format.to`: Dates become epoch seconds for `expires`, ISO strings otherwise. */
export function toStored(object: Record<string, unknown>): StoredItem {
  const stored: StoredItem = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue; // the DocumentClient's removeUndefinedValues
    stored[key] = value instanceof Date ? (key === "expires" ? value.getTime() / 1000 : value.toISOString()) : value;
  }
  return stored;
}

export function adapterItems(schema: TableSchema) {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = schema;
  return {
    /** createUser: `{ ...data, id }` plus keys and `type: "USER"`. */
    user: (id: string, user: PlannedUser | (Omit<PlannedUser, "emailVerified"> & { emailVerified: Date | null })): StoredItem =>
      toStored({ ...user, id, [pk]: `USER#${id}`, [sk]: `USER#${id}`, type: "USER", [gpk]: `USER#${user.email}`, [gsk]: `USER#${user.email}` }),
    /** linkAccount: the account as given plus a fresh `id` and keys (its `type` is the account's own). */
    account: (userId: string, id: string, account: PlannedAccount | (Record<string, unknown> & { provider: string; providerAccountId: string })): StoredItem =>
      toStored({
        userId,
        ...account,
        id,
        [pk]: `USER#${userId}`,
        [sk]: `ACCOUNT#${account.provider}#${account.providerAccountId}`,
        [gpk]: `ACCOUNT#${account.provider}`,
        [gsk]: `ACCOUNT#${account.providerAccountId}`,
      }),
    /** createSession: keys, `type: "SESSION"`, then the data (`userId`, `sessionToken`, `expires`); no `id`. */
    session: (userId: string, session: PlannedSession): StoredItem =>
      toStored({
        [pk]: `USER#${userId}`,
        [sk]: `SESSION#${session.sessionToken}`,
        [gsk]: `SESSION#${session.sessionToken}`,
        [gpk]: `SESSION#${session.sessionToken}`,
        type: "SESSION",
        userId,
        ...session,
      }),
    /** createVerificationToken: keys, `type: "VT"`, then `identifier`, `token`, `expires`. */
    verificationToken: (token: PlannedToken): StoredItem => toStored({ [pk]: `VT#${token.identifier}`, [sk]: `VT#${token.token}`, type: "VT", ...token }),
  };
}

export interface PlanIds {
  /** The id the adapter's createUser would give this user. */
  user: (user: PlannedUser, index: number) => string;
  /** The id the adapter's linkAccount would add to this account. */
  account: (userId: string, account: PlannedAccount) => string;
}

/** Ids from one generator (crypto.randomUUID's stand-in): users in plan order, then accounts. */
export function sequentialIds(nextId: () => string): PlanIds {
  return { user: () => nextId(), account: () => nextId() };
}

/** Every item of a demo plan, as the adapter writes it when `seedDemoData` writes the plan. */
export function planItems(schema: TableSchema, plan: DemoPlan, ids: PlanIds): { items: StoredItem[]; userIds: string[] } {
  const build = adapterItems(schema);
  const users = plan.users.map((entry, i) => ({ entry, id: ids.user(entry.user, i) }));
  const userIds = users.map((u) => u.id);
  const items: StoredItem[] = users.map(({ entry, id }) => build.user(id, entry.user));
  for (const { entry, id } of users) {
    for (const account of entry.accounts) items.push(build.account(id, ids.account(id, account), account));
  }
  for (const { entry, id } of users) {
    for (const session of entry.sessions) items.push(build.session(id, session));
    for (const token of entry.tokens) items.push(build.verificationToken(token));
  }
  for (const token of plan.strayTokens) items.push(build.verificationToken(token));
  return { items, userIds };
}

export interface WriteOptions {
  /** BatchWriteItem requests in flight at once. */
  concurrency?: number;
  onProgress?: (written: number, total: number) => void;
}

const RETRYABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes items with BatchWriteItem, 25 per request, several requests in parallel, retrying UnprocessedItems. */
export async function writeItems(doc: Pick<DynamoDBDocument, "batchWrite">, tableName: string, items: StoredItem[], options: WriteOptions = {}) {
  const concurrency = options.concurrency ?? 8;
  let next = 0;
  let written = 0;
  let requests = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending = items.slice(next, next + 25);
      next += 25;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 20 * 2 ** attempt) * Math.random());
        if (attempt > 12) throw new Error(`BatchWriteItem kept leaving ${pending.length} items unprocessed`);
        try {
          requests++;
          const result = await doc.batchWrite({ RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) } });
          const left = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item as StoredItem] : []));
          written += pending.length - left.length;
          pending = left;
        } catch (error) {
          if (!(error instanceof Error) || !RETRYABLE.has(error.name)) throw error;
        }
      }
      options.onProgress?.(written, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(items.length / 25)) }, worker));
  return { written, requests };
}
