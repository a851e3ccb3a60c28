import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { ensureTable } from "@/lib/dynamo/table-health";
import { adapterItems, type StoredItem, writeItems } from "@/scripts/lib/adapter-items";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";
import { outageEngine, untilDynamoAnswers } from "@/test/support/outage-engine";

/**
 * A merge running when DynamoDB goes away (stopped mid-run, as purge-outage.test.ts does): at
 * that moment every account and every session still resolves to a user through the adapter
 * (copies are written before the old items are deleted, the other user item goes last), and
 * running the merge again once DynamoDB is back finishes it. Its own engine, on disk.
 */
const product = testSchema("outage-merge", "custom");
const gatehouse = testSchema("outage-merge-gatehouse");
const admin = testOperator("ana@ops.test", "admin");
const SESSIONS = 400;
const ACCOUNTS = 6;
const engine = outageEngine("merge-outage");
let merge: typeof import("./server");
let breaker: typeof import("@/lib/dynamo/breaker");
const keepId = randomUUID();
const otherId = randomUUID();
const email = "twice@example.test";
const accounts: { provider: string; providerAccountId: string }[] = [];
const tokens: string[] = [];

const clients = engine.clients;

before(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  await engine.start();
  Object.assign(process.env, inProcessConsoleEnv(engine.endpoint, product, gatehouse.tableName));
  const { raw, doc } = clients();
  await ensureTable(raw, product, { ttl: false });
  await ensureTable(raw, gatehouse);
  // What the adapter writes (adapter-items.test.ts proves the builders equal it), in bulk.
  const build = adapterItems(product);
  const items: StoredItem[] = [
    build.user(keepId, { email, name: "Kept", emailVerified: new Date() }),
    build.user(otherId, { email, name: "Other", emailVerified: new Date() }),
  ];
  for (let i = 0; i < ACCOUNTS; i++) {
    const account = { provider: `provider${i}`, providerAccountId: `pa-${i}-${randomUUID()}`, type: "oauth", access_token: `at-${randomUUID()}` };
    accounts.push(account);
    items.push(build.account(otherId, randomUUID(), account));
  }
  for (let i = 0; i < SESSIONS; i++) {
    const sessionToken = randomUUID();
    tokens.push(sessionToken);
    items.push(build.session(otherId, { sessionToken, expires: new Date(Date.now() + 20 * 86_400_000) }));
  }
  await writeItems(doc, product.tableName, items, { concurrency: 8 });
  merge = await import("./server");
  breaker = await import("@/lib/dynamo/breaker");
});

after(async () => {
  await engine.dispose();
});

test("a merge interrupted by an outage leaves every account and session resolving to a user, and running it again finishes it", {
  timeout: 240_000,
}, async () => {
  let stopping: Promise<void> | undefined;
  let movedAtStop = 0;
  const running = merge.mergeUsers(admin, {
    keepUserId: keepId,
    otherUserId: otherId,
    reason: "outage drill",
    concurrency: 2,
    onProgress: (counts) => {
      if (!stopping && counts.sessions >= 40) {
        movedAtStop = counts.accounts + counts.sessions;
        stopping = engine.stop();
      }
    },
  });
  await assert.rejects(running, (error: Error) => error.name === "DynamoUnavailableError" || /unreachable/i.test(error.message));
  assert.ok(stopping, "DynamoDB stopped while the merge ran");
  await stopping;

  // Back on the same port with the same data: the table as the outage left it.
  await engine.restart();
  await untilDynamoAnswers(breaker.dynamoIsDown);
  const adapter = DynamoDBAdapter(clients().doc, product);
  const owners = new Map<string, number>();
  for (const account of accounts) {
    const user = await adapter.getUserByAccount!(account);
    assert.ok(user, `${account.provider}:${account.providerAccountId} resolves to a user`);
    owners.set(user.id, (owners.get(user.id) ?? 0) + 1);
  }
  let movedSessions = 0;
  for (const token of tokens) {
    const found = await adapter.getSessionAndUser!(token);
    assert.ok(found, "every session still signs its browser in");
    if (found.user.id === keepId) movedSessions++;
  }
  assert.ok(
    movedSessions >= 40 - ACCOUNTS && movedSessions < SESSIONS,
    `the merge was halfway: ${movedSessions} sessions moved (${movedAtStop} items when stopped)`,
  );
  assert.ok(await adapter.getUser!(otherId), "the other user item is deleted last");

  // The interrupted run's lease on both users runs out by itself (until then a new run is refused:
  // how long the restart took decides whether it still holds now, so that is tested elsewhere).
  const again = () => merge.mergeUsers(admin, { keepUserId: keepId, otherUserId: otherId, reason: "outage drill, again" });
  let outcome: Awaited<ReturnType<typeof again>> | undefined;
  while (!outcome) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    outcome = await again().catch((error: Error) => (/Another merge/.test(error.message) ? undefined : Promise.reject(error)));
  }
  assert.equal(outcome.result, "ok");
  assert.equal(outcome.counts!.accounts + (owners.get(keepId) ?? 0), ACCOUNTS);
  for (const account of accounts) assert.equal((await adapter.getUserByAccount!(account))?.id, keepId);
  for (const token of tokens) assert.equal((await adapter.getSessionAndUser!(token))?.user.id, keepId);
  assert.equal(await adapter.getUser!(otherId), null);
  assert.equal((await adapter.getUserByEmail!(email))?.id, keepId);
});
