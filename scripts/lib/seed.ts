import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { type ActivityStore, type StoreResult, storeEvents } from "@/lib/features/activity/store";
import { type DemoActivityUser, planDemoActivity } from "./demo-activity";
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
  const counts = { users: 0, accounts: 0, sessions: 0, verificationTokens: 0, demoUsers: [] as DemoActivityUser[] };
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
    counts.demoUsers = created.map(({ id, entry }) => ({
      id,
      email: entry.user.email,
      verifiedAt: entry.user.emailVerified?.getTime() ?? null,
      accounts: entry.accounts.map(({ provider, providerAccountId }) => ({ provider, providerAccountId })),
    }));
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

/** Where the Gatehouse table notes the demo's month of activity: what it was planned from, and whether it is all written. */
const demoActivityMarker = (store: ActivityStore) => ({ [store.schema.partitionKey]: "ACTIVITY#DEMO", [store.schema.sortKey]: "DEMO" });
/** The plan's users are kept in the marker (a resumed write plans the same events) while they fit well inside an item. */
const MARKER_USERS_MAX_BYTES = 256_000;

export type DemoActivityResult = StoreResult & { events: number };

const conditionFailed = (error: unknown) => (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";

/**
 * Notes the demo's month of activity in Gatehouse's table: the `now`, seed and users it is planned
 * from, before any of it is written, so whatever start finds the note unfinished (resumeDemoActivity)
 * plans the same events, which storeEvents then finds stored. Once per table: false when a note
 * was already there (and is kept).
 */
export async function beginDemoActivity(store: ActivityStore, users: readonly DemoActivityUser[], options: { now?: number; seed: number }): Promise<boolean> {
  const plan = { now: options.now ?? Date.now(), seed: options.seed, users: [...users] };
  const keep = JSON.stringify(plan.users).length <= MARKER_USERS_MAX_BYTES;
  try {
    await store.doc.put({
      TableName: store.schema.tableName,
      Item: { ...demoActivityMarker(store), now: plan.now, seed: plan.seed, ...(keep ? { users: plan.users } : {}), done: false },
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": store.schema.partitionKey },
    });
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Writes a month of backdated activity for the seeded users through `storeEvents`, the stream's
 * own writer, so the figures are counted as the consumer counts them; once per table (see
 * beginDemoActivity). A second call writes nothing, or finishes what the first left unfinished.
 */
export async function seedDemoActivity(
  store: ActivityStore,
  users: readonly DemoActivityUser[],
  options: { now?: number; seed: number },
): Promise<DemoActivityResult> {
  const now = options.now ?? Date.now();
  if (await beginDemoActivity(store, users, { now, seed: options.seed })) return writeDemoActivity(store, { now, seed: options.seed, users: [...users] });
  return (await resumeDemoActivity(store)) ?? { stored: 0, duplicates: 0, events: 0 };
}

/** Finishes what seedDemoActivity began; undefined when there is nothing to finish (never begun, or done). */
export async function resumeDemoActivity(store: ActivityStore): Promise<DemoActivityResult | undefined> {
  const Key = demoActivityMarker(store);
  const marker = (await store.doc.get({ TableName: store.schema.tableName, Key, ConsistentRead: true })).Item;
  if (!marker || marker.done === true || typeof marker.now !== "number" || typeof marker.seed !== "number" || !Array.isArray(marker.users)) return undefined;
  return writeDemoActivity(store, { now: marker.now, seed: marker.seed, users: marker.users as DemoActivityUser[] });
}

async function writeDemoActivity(store: ActivityStore, plan: { now: number; seed: number; users: DemoActivityUser[] }): Promise<DemoActivityResult> {
  const events = planDemoActivity(plan);
  // One call: storeEvents keeps its own requests side by side (more at once only queue for
  // connections), and returns or throws once every one of them has finished.
  const result = await storeEvents(store, events);
  await store.doc.update({
    TableName: store.schema.tableName,
    Key: demoActivityMarker(store),
    UpdateExpression: "SET #done = :done REMOVE #users",
    ExpressionAttributeNames: { "#done": "done", "#users": "users" },
    ExpressionAttributeValues: { ":done": true },
  });
  return { ...result, events: events.length };
}
