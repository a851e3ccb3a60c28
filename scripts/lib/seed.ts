import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { createRng, type DemoPlan, planDemoData } from "./demo-data";

export interface SeedOptions {
  users: number;
  seed: number;
  now?: number;
  concurrency?: number;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => unknown) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(async (item) => work(item)));
}

/**
 * Writes the demo plan through the real `@auth/dynamodb-adapter`, so the table holds exactly
 * what Auth.js would write. The adapter draws ids from crypto.randomUUID; seeding swaps in a
 * seeded generator for the duration so the same seed gives the same ids.
 */
export async function seedDemoData(doc: DynamoDBDocument, schema: TableSchema, options: SeedOptions) {
  const plan: DemoPlan = planDemoData({ users: options.users, seed: options.seed, now: options.now ?? Date.now() });
  const { createUser, linkAccount, createSession, createVerificationToken } = DynamoDBAdapter(doc, schema);
  if (!createUser || !linkAccount || !createSession || !createVerificationToken)
    throw new Error("@auth/dynamodb-adapter no longer writes users, accounts, sessions and tokens");
  const ids = createRng(options.seed ^ 0x5eed);
  const original = Object.getOwnPropertyDescriptor(globalThis.crypto, "randomUUID");
  Object.defineProperty(globalThis.crypto, "randomUUID", { value: () => ids.uuid(), configurable: true, writable: true });
  const counts = { users: 0, accounts: 0, sessions: 0, verificationTokens: 0 };
  try {
    // The adapter draws each id synchronously when called, so calls started in order get ids in order.
    const concurrency = options.concurrency ?? 16;
    const created: { id: string; entry: DemoPlan["users"][number] }[] = [];
    await inBatches(plan.users, concurrency, async (entry) => {
      const pending = createUser({ id: "", ...entry.user });
      const record = { id: "", entry };
      created.push(record);
      record.id = (await pending).id;
    });
    counts.users = created.length;
    const links = created.flatMap(({ id, entry }) => entry.accounts.map((account) => ({ userId: id, ...account })));
    await inBatches(links, concurrency, (account) => linkAccount(account));
    counts.accounts = links.length;
    const writes: (() => unknown)[] = [];
    for (const { id, entry } of created) {
      for (const session of entry.sessions) writes.push(() => createSession({ userId: id, ...session }));
      for (const token of entry.tokens) writes.push(() => createVerificationToken(token));
      counts.sessions += entry.sessions.length;
      counts.verificationTokens += entry.tokens.length;
    }
    for (const token of plan.strayTokens) writes.push(() => createVerificationToken(token));
    counts.verificationTokens += plan.strayTokens.length;
    await inBatches(writes, concurrency, (write) => write());
  } finally {
    if (original) Object.defineProperty(globalThis.crypto, "randomUUID", original);
    else delete (globalThis.crypto as { randomUUID?: unknown }).randomUUID;
  }
  return counts;
}
