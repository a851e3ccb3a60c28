import { createServer } from "node:net";
import { Auth, type AuthConfig } from "@auth/core";
import Nodemailer from "@auth/core/providers/nodemailer";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { marshallOptions } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { type testDynamo, testSchema } from "./dynamo";

/** Test kit for gatehouse-guard: a product's table, its own client, and Auth.js driven with real Requests. */

/** GET /api/auth/session as a product answers it: its callbacks may add any field, at the top or on the user. */
export interface ProductSession {
  user?: { id?: string; email?: string | null; [field: string]: unknown };
  expires?: string;
  [field: string]: unknown;
}

export type Dynamo = Awaited<ReturnType<typeof testDynamo>>;

/** The adapter's option names for a test schema: what a product passes to DynamoDBAdapter and, spread, to withGatehouse. */
export function adapterOptions(schema: TableSchema) {
  return { ...schema };
}

/**
 * A document client of its own (middleware on a DynamoDBDocument lands on the shared client's
 * stack), counting the DynamoDB operations sent through it.
 */
export function countingClient(endpoint: string, options: { maxAttempts?: number; laggingReplica?: string } = {}) {
  const raw = new DynamoDB({
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: options.maxAttempts ?? 3,
  });
  const doc = DynamoDBDocument.from(raw, { marshallOptions });
  const calls: string[] = [];
  let consistentGets = 0;
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      calls.push(command);
      const input = args.input as { TableName?: string; ConsistentRead?: boolean };
      if (command === "GetItem" && input.ConsistentRead) consistentGets++;
      // DynamoDB Local is always consistent; an eventually consistent read that has not caught up
      // is played by a replica table that lags (holds none of what the product wrote).
      if (command === "GetItem" && !input.ConsistentRead && options.laggingReplica) input.TableName = options.laggingReplica;
      return next(args);
    },
    { step: "initialize", name: "countCalls" },
  );
  return {
    doc,
    calls,
    count: (operation: string) => calls.filter((name) => name === operation).length,
    consistentGets: () => consistentGets,
    reset: () => {
      calls.splice(0);
      consistentGets = 0;
    },
  };
}

/** A loopback port nothing listens on: connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server that accepts connections and never answers: a DynamoDB that hangs. */
export async function silentServer() {
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function productTable(dynamo: Dynamo, label: string, names: "default" | "custom" = "default"): Promise<TableSchema> {
  const schema = testSchema(label, names);
  await ensureTable(dynamo.raw, schema, { ttl: false });
  return schema;
}

/** Writes a user (and an OAuth account) through the real adapter, as the product's sign-ins would. */
export async function adapterUser(
  dynamo: Dynamo,
  schema: TableSchema,
  email: string,
  account?: { provider: string; providerAccountId: string; type?: "oauth" | "oidc" },
) {
  const adapter = DynamoDBAdapter(dynamo.doc, adapterOptions(schema));
  const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: email.split("@")[0] });
  if (account)
    await adapter.linkAccount!({
      userId: user.id,
      type: account.type ?? "oauth",
      provider: account.provider,
      providerAccountId: account.providerAccountId,
      access_token: "at",
      token_type: "bearer",
    });
  return user;
}

function userKey(schema: TableSchema, id: string) {
  return { [schema.partitionKey]: `USER#${id}`, [schema.sortKey]: `USER#${id}` };
}

/** What the console's Block user writes (the console side comes later; this is the contract). */
export async function blockUser(dynamo: Dynamo, schema: TableSchema, id: string, block: { until?: Date; reason?: string; since?: Date } = {}) {
  const value = {
    since: (block.since ?? new Date()).toISOString(),
    reason: block.reason ?? "test",
    by: "admin@ops.test",
    ...(block.until ? { until: block.until.toISOString() } : {}),
  };
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: userKey(schema, id),
    UpdateExpression: "SET #block = :block",
    ExpressionAttributeNames: { "#block": "gatehouseBlock" },
    ExpressionAttributeValues: { ":block": value },
  });
}

export async function unblockUser(dynamo: Dynamo, schema: TableSchema, id: string) {
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: userKey(schema, id),
    UpdateExpression: "REMOVE #block",
    ExpressionAttributeNames: { "#block": "gatehouseBlock" },
  });
}

/** What the console's Revoke all sessions writes. */
export async function revokeUser(dynamo: Dynamo, schema: TableSchema, id: string, at: Date = new Date()) {
  await dynamo.doc.update({
    TableName: schema.tableName,
    Key: userKey(schema, id),
    UpdateExpression: "SET #revoked = :at",
    ExpressionAttributeNames: { "#revoked": "gatehouseRevokedAt" },
    ExpressionAttributeValues: { ":at": at.toISOString() },
  });
}

/** What the console's Delete user (and a merge, for the merged user's item) leaves: nothing in the user's partition. */
export async function deleteUserItems(dynamo: Dynamo, schema: TableSchema, id: string) {
  const { Items = [] } = await dynamo.doc.query({
    TableName: schema.tableName,
    KeyConditionExpression: "#pk = :pk",
    ExpressionAttributeNames: { "#pk": schema.partitionKey },
    ExpressionAttributeValues: { ":pk": `USER#${id}` },
    ConsistentRead: true,
  });
  for (const item of Items)
    await dynamo.doc.delete({ TableName: schema.tableName, Key: { [schema.partitionKey]: item[schema.partitionKey], [schema.sortKey]: item[schema.sortKey] } });
  return Items;
}

export async function rawUserItem(dynamo: Dynamo, schema: TableSchema, id: string) {
  return (await dynamo.doc.get({ TableName: schema.tableName, Key: userKey(schema, id), ConsistentRead: true })).Item;
}

export const BASE_URL = "http://localhost:3000";

/** The magic-link mails a product would send, recorded instead. */
export function mailbox() {
  const sent: { identifier: string; url: string }[] = [];
  return {
    sent,
    provider: () =>
      Nodemailer({
        server: "smtp://127.0.0.1:9",
        from: "product@example.test",
        sendVerificationRequest: async ({ identifier, url }) => void sent.push({ identifier, url }),
      }),
    linkFor: (email: string) => sent.findLast((mail) => mail.identifier === email)?.url,
  };
}

/** A product's base Auth.js config on this table, before the guard. */
export function productConfig(dynamo: Dynamo, schema: TableSchema, mail: ReturnType<typeof mailbox>, strategy: "jwt" | "database"): AuthConfig {
  return {
    providers: [mail.provider()],
    adapter: DynamoDBAdapter(dynamo.doc, adapterOptions(schema)),
    session: { strategy },
    secret: "s".repeat(40),
    trustHost: true,
    basePath: "/api/auth",
    // Refusals are Auth.js errors (AccessDenied); the tests assert them instead of printing them.
    logger: { error: () => {}, warn: () => {} },
  };
}

/** A browser for Auth.js's endpoints: keeps cookies, never follows redirects; `use` swaps the product's config under it. */
export function browser(initial: AuthConfig) {
  let config = initial;
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  async function send(path: string, init: RequestInit = {}) {
    const url = path.startsWith("http") ? path : `${BASE_URL}${path}`;
    const response = await Auth(new Request(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookie() } }), config);
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const gone =
        !value || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]).getTime() < Date.now()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
  return {
    jar,
    send,
    use(next: AuthConfig) {
      config = next;
    },
    /** Asks for a magic link, as the sign-in form does; the answer's Location says what happened. */
    async requestLink(email: string): Promise<string> {
      const { csrfToken } = (await (await send("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await send("/api/auth/signin/nodemailer", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: `${BASE_URL}/dashboard` }).toString(),
      });
      return response.headers.get("location") ?? "";
    },
    async follow(url: string): Promise<string> {
      return (await send(url)).headers.get("location") ?? "";
    },
    async session(): Promise<ProductSession | null> {
      const response = await send("/api/auth/session");
      return (await response.json()) as ProductSession | null;
    },
    hasSessionCookie: () => jar.has("authjs.session-token"),
  };
}

/** Signs `email` in by magic link; returns the browser holding the session. */
export async function signedIn(config: AuthConfig, mail: ReturnType<typeof mailbox>, email: string) {
  const b = browser(config);
  const location = await b.requestLink(email);
  if (!location.includes("verify-request")) throw new Error(`magic link refused: ${location}`);
  await b.follow(mail.linkFor(email)!);
  if (!b.hasSessionCookie()) throw new Error("no session cookie after the magic link");
  return b;
}
