import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { _Record } from "@aws-sdk/client-dynamodb-streams";
import { ATTRIBUTES } from "@/guard/src/contract";
import type { ResolvedOptions } from "@/guard/src/options";
import { guardTable } from "@/guard/src/table";
import type { TableSchema } from "@/lib/config";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";
import { testOperator } from "@/test/support/operators";
import { streamedTable } from "@/test/support/stream-records";
import { eventsFromRecord, type StreamRecordInput } from "./from-record";
import { type ActivityEvent, activityEventSchema } from "./schema";

/**
 * The stream mapping against real records: the real adapter and the real guard write to a table
 * with its stream on (DynamoDB Local), and what the stream then holds is mapped. Both schemas;
 * the default one shares its table with Gatehouse, whose own writes must give no event.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
const shared = testSchema("activity-shared");
const custom = testSchema("activity-custom", "custom");
const readers: Awaited<ReturnType<typeof streamedTable>>[] = [];

before(async () => {
  dynamo = await testDynamo();
  readers.push(await streamedTable(dynamo.raw, dynamo.endpoint, shared), await streamedTable(dynamo.raw, dynamo.endpoint, custom));
  // Shared-table mode: GATEHOUSE_TABLE is the product table itself.
  await useConsoleTables(dynamo, shared, { gatehouse: shared, env: { GATEHOUSE_RATE_LIMITS: "read-units=1000/1h" } });
});
after(async () => {
  for (const reader of readers) reader.stop();
  await dynamo?.stop();
});

const SECRETS = {
  session: `sess-${randomUUID()}`,
  session2: `sess-${randomUUID()}`,
  link: `vt-${randomUUID()}`,
  old: `vt-${randomUUID()}`,
  oauth: `gho_${randomUUID()}`,
};

/** What a product does over a user's life, through the adapter and the guard, in order. */
async function productLife(schema: TableSchema) {
  const adapter = DynamoDBAdapter(dynamo.doc, schema);
  const guard = guardTable({ client: dynamo.doc, ...schema, timeoutMs: 0 } as unknown as ResolvedOptions);
  const email = `life-${randomUUID().slice(0, 8)}@example.com`;
  const user = await adapter.createUser!({ id: "", email, emailVerified: null, name: "Life" });
  await adapter.linkAccount!({
    userId: user.id,
    type: "oauth",
    provider: "github",
    providerAccountId: "42",
    access_token: SECRETS.oauth,
    token_type: "bearer",
  });
  await adapter.createSession!({ sessionToken: SECRETS.session, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  await adapter.createVerificationToken!({ identifier: email, token: SECRETS.link, expires: new Date(Date.now() + 600_000) });
  await adapter.useVerificationToken!({ identifier: email, token: SECRETS.link });
  await adapter.updateUser!({ id: user.id, emailVerified: new Date() });
  await guard.recordSignIn(user.id, "github", new Date());
  await guard.putHeartbeat({ type: "GATEHOUSE_GUARD", appName: "life", guardVersion: "1.0.0", sessionStrategy: "database", seenAt: new Date().toISOString() });
  const next = `moved-${email}`;
  await adapter.updateUser!({ id: user.id, email: next });
  const key = { [schema.partitionKey]: `USER#${user.id}`, [schema.sortKey]: `USER#${user.id}` };
  const until = new Date(Date.now() + 3_600_000).toISOString();
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: key,
    UpdateExpression: "SET #block = :block",
    ExpressionAttributeNames: { "#block": ATTRIBUTES.block },
    ExpressionAttributeValues: { ":block": { since: new Date().toISOString(), until, reason: "ticket", by: "ops@example.com" } },
  });
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: key,
    UpdateExpression: "REMOVE #block",
    ExpressionAttributeNames: { "#block": ATTRIBUTES.block },
  });
  await adapter.deleteSession!(SECRETS.session);
  // A link that ran out before anyone used it, removed by a purge rather than by TTL.
  await adapter.createVerificationToken!({ identifier: next, token: SECRETS.old, expires: new Date(Date.now() - 60_000) });
  await dynamo.doc.delete({ TableName: schema.tableName, Key: { [schema.partitionKey]: `VT#${next}`, [schema.sortKey]: `VT#${SECRETS.old}` } });
  await adapter.unlinkAccount!({ provider: "github", providerAccountId: "42" });
  await adapter.createSession!({ sessionToken: SECRETS.session2, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  await adapter.deleteSession!(SECRETS.session2);
  // As the console deletes a user (the adapter's deleteUser reads literal `pk`/`sk`, so it fails on custom names).
  await dynamo.doc.delete({ TableName: schema.tableName, Key: key });
  return { userId: user.id, email, next, until };
}

/** Gatehouse's own writes in a table it shares with the product: audit, limits, leases, API keys. */
async function gatehouseWrites() {
  const { recordAuditEvent } = await import("@/lib/audit/writer");
  const { chargeLimit } = await import("@/lib/limits/rate-limit");
  const { acquireScanLease } = await import("@/lib/dynamo/scan-lease");
  const { createApiKey } = await import("@/lib/features/api-keys/server");
  const admin = testOperator("activity@ops.test", "admin");
  await recordAuditEvent({ email: admin.email, role: "admin" }, { requestId: randomUUID(), ip: "203.0.113.1", userAgent: "test" }, "sign-in", "ok");
  await chargeLimit("read-units", "activity@ops.test", 5);
  await acquireScanLease(admin, "doctor");
  await createApiKey(admin, { name: "activity test", scopes: ["read"], expiresInDays: 1 });
}

const typesOf = (events: ActivityEvent[]) => events.map((event) => event.type);

const LIFE = [
  "sign-up",
  "account-linked",
  "session-created",
  "link-requested",
  "link-used",
  "email-verified",
  "sign-in",
  "email-changed",
  "user-blocked",
  "user-unblocked",
  "session-ended",
  "link-requested",
  "link-expired",
  "account-unlinked",
  "session-created",
  "session-ended",
  "user-deleted",
];

for (const [label, schema, index] of [
  ["default names, shared with Gatehouse", shared, 0],
  ["custom names", custom, 1],
] as const) {
  describe(`the stream of a product table (${label})`, () => {
    let records: _Record[] = [];
    let life: Awaited<ReturnType<typeof productLife>>;
    let events: ActivityEvent[] = [];

    before(async () => {
      life = await productLife(schema);
      if (schema === shared) await gatehouseWrites();
      records = await readers[index]!.records();
      events = records.flatMap((record) => eventsFromRecord(record as StreamRecordInput, schema));
    });

    test("maps every adapter and guard write to its event, in order, and nothing else", () => {
      assert.deepEqual(typesOf(events), LIFE);
      for (const event of events) activityEventSchema.parse(event);
    });

    test("names the user, the provider, the address and the block on each event", () => {
      const find = (type: string) => events.find((event) => event.type === type)!;
      assert.deepEqual(
        { userId: find("sign-up").userId, email: find("sign-up").email, by: find("sign-up").by },
        { userId: life.userId, email: life.email, by: "product" },
      );
      assert.deepEqual([find("account-linked").provider, find("account-linked").providerAccountId], ["github", "42"]);
      assert.equal(find("sign-in").provider, "github");
      assert.deepEqual([find("email-changed").previousEmail, find("email-changed").email], [life.email, life.next]);
      assert.equal(find("link-requested").identifier, life.email);
      assert.deepEqual([find("user-blocked").by, find("user-blocked").until, find("user-unblocked").by], ["gatehouse", life.until, "gatehouse"]);
      assert.equal(find("link-expired").by, "product", "a purge of an expired link, not TTL");
      assert.match(find("session-created").fingerprint ?? "", /^[0-9a-f]{10}$/);
    });

    test("every event has its own id, so a retried batch stores nothing twice", () => {
      assert.equal(new Set(events.map((event) => event.id)).size, events.length);
      const again = records.flatMap((record) => eventsFromRecord(record as StreamRecordInput, schema));
      assert.deepEqual(again, events, "the same records give the same events");
    });

    test("no secret reaches an event: tokens are fingerprints, an account is its provider and id", () => {
      const json = JSON.stringify(events);
      for (const secret of Object.values(SECRETS)) assert.ok(!json.includes(secret), `${secret.slice(0, 6)}… is not in any event`);
      assert.ok(JSON.stringify(records).includes(SECRETS.oauth), "the stream itself carries the OAuth token: it must be mapped away");
    });

    test("a deletion by DynamoDB's TTL is an expiry, not a sign-out or a used link", () => {
      const ttl = { type: "Service", principalId: "dynamodb.amazonaws.com" };
      const removes = records.filter((record) => record.eventName === "REMOVE") as StreamRecordInput[];
      const mapped = removes.flatMap((record) => eventsFromRecord({ ...record, userIdentity: ttl }, schema));
      const session = mapped.find((event) => event.fingerprint && event.userId && event.type.startsWith("session"))!;
      assert.deepEqual([session.type, session.by], ["session-expired", "expiry"]);
      const link = mapped.find((event) => event.identifier === life.email)!;
      assert.deepEqual([link.type, link.by], ["link-expired", "expiry"]);
    });
  });
}

test("Lambda's records (times in epoch seconds) map as the SDK's do", () => {
  const record: StreamRecordInput = {
    eventName: "INSERT",
    dynamodb: {
      ApproximateCreationDateTime: 1_796_000_000,
      Keys: { pk: { S: "USER#u-1" }, sk: { S: "USER#u-1" } },
      NewImage: { pk: { S: "USER#u-1" }, sk: { S: "USER#u-1" }, id: { S: "u-1" }, email: { S: "a@example.com" } },
      SequenceNumber: "000000000000000000001",
    },
  };
  const [event] = eventsFromRecord(record, testSchema("lambda"));
  assert.deepEqual(event, {
    id: "000000000000000000001#0",
    type: "sign-up",
    at: "2026-11-30T00:53:20.000Z",
    by: "product",
    userId: "u-1",
    email: "a@example.com",
  });
});
