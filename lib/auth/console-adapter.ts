import "server-only";
import { timingSafeEqual } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { Adapter, AdapterSession } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { consoleMark } from "./console-mark";

/** `lastUsedAt` is written at most this often, so browsing costs one UpdateItem a minute, not one a request. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface ConsoleAdapterOptions {
  doc: DynamoDBDocument;
  schema: TableSchema;
  /** AUTH_SECRET: the mark is an HMAC of the token, so table write access alone cannot forge one. */
  secret: string;
  idleSeconds: number;
  /** The client of the current request, stored on the session for "Your sessions". */
  client: () => Promise<{ ip: string; userAgent: string }>;
  /** The session token the browser sent with this request, if any. */
  incomingToken?: () => Promise<string | undefined>;
  now?: () => number;
}

/** What Gatehouse adds to the session items it creates (epoch milliseconds). */
export interface ConsoleSessionMarks {
  gatehouseConsole: string;
  signedInAt: number;
  lastUsedAt: number;
  clientIp: string;
  userAgent: string;
}

export { consoleMark };

export function hasConsoleMark(secret: string, sessionToken: string, mark: unknown): boolean {
  if (typeof mark !== "string") return false;
  const expected = Buffer.from(consoleMark(secret, sessionToken));
  const given = Buffer.from(mark);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The adapter Gatehouse's Auth.js runs on. The Gatehouse table may be the product's own table,
 * where the product's users have session items of their own: only sessions created here carry
 * the mark, and every other one is treated as absent (never deleted: it is the product's).
 * Marked sessions also end after `idleSeconds` without a request.
 */
export function consoleSessions(inner: Adapter, options: ConsoleAdapterOptions) {
  const { createSession: create, getSessionAndUser: read } = inner;
  // The console's sessions live in the database: an adapter that cannot create and read them is a wiring mistake.
  if (!create || !read) throw new Error("consoleSessions: the adapter must create and read sessions");
  const createSession = create;
  const getSessionAndUser = read;
  const now = options.now ?? Date.now;
  const keys = keysFor(options.schema);
  const { pk } = keys.names;
  const table = options.schema.tableName;

  async function remove(userId: string, sessionToken: string) {
    await options.doc.delete({ TableName: table, Key: keys.session(userId, sessionToken) });
  }

  /** One conditional UpdateItem: a session revoked meanwhile is not written back. False when it is gone. */
  async function touch(userId: string, sessionToken: string, at: number): Promise<boolean> {
    const client = await options.client();
    try {
      await options.doc.update({
        TableName: table,
        Key: keys.session(userId, sessionToken),
        UpdateExpression: "SET lastUsedAt = :at, clientIp = :ip, userAgent = :ua",
        ConditionExpression: "attribute_exists(#pk)",
        ExpressionAttributeNames: { "#pk": pk },
        ExpressionAttributeValues: { ":at": at, ":ip": client.ip, ":ua": client.userAgent },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The browser's current console session, when it belongs to `userId`. */
  async function incomingSessionOf(userId: string): Promise<string | undefined> {
    const token = await options.incomingToken?.();
    if (!token) return undefined;
    const found = await getSessionAndUser(token);
    return found?.session.userId === userId && hasConsoleMark(options.secret, token, (found.session as { gatehouseConsole?: unknown }).gatehouseConsole)
      ? token
      : undefined;
  }

  const adapter: Adapter = {
    ...inner,
    async createSession(data) {
      // Signing in again replaces the browser's session instead of leaving the old one behind.
      const replaced = await incomingSessionOf(data.userId);
      if (replaced) await remove(data.userId, replaced);
      const client = await options.client();
      const at = now();
      const marks: ConsoleSessionMarks = {
        gatehouseConsole: consoleMark(options.secret, data.sessionToken),
        signedInAt: at,
        lastUsedAt: at,
        clientIp: client.ip,
        userAgent: client.userAgent,
      };
      // The adapter stores every field it is given (`...data`) on the session item.
      return createSession({ ...data, ...marks } as AdapterSession);
    },
    async getSessionAndUser(sessionToken) {
      const found = await getSessionAndUser(sessionToken);
      if (!found) return null;
      const session = found.session as AdapterSession & Partial<Record<keyof ConsoleSessionMarks, unknown>>;
      if (!hasConsoleMark(options.secret, sessionToken, session.gatehouseConsole)) return null;
      const at = now();
      const lastUsedAt = typeof session.lastUsedAt === "number" ? session.lastUsedAt : 0;
      if (at - lastUsedAt > options.idleSeconds * 1000) {
        await remove(session.userId, sessionToken);
        return null;
      }
      if (at - lastUsedAt >= TOUCH_INTERVAL_MS) {
        if (!(await touch(session.userId, sessionToken, at))) return null;
        session.lastUsedAt = at;
      }
      return found;
    },
  };

  /**
   * After a successful sign-in: Auth.js keeps the existing session when an operator signed in
   * through SSO signs in through SSO again, so the step-up clock restarts on it here.
   */
  async function renewSignIn(userId: string) {
    const token = await options.incomingToken?.();
    if (!token) return;
    const at = now();
    try {
      await options.doc.update({
        TableName: table,
        Key: keys.session(userId, token),
        UpdateExpression: "SET signedInAt = :at, lastUsedAt = :at",
        ConditionExpression: "attribute_exists(#pk) AND gatehouseConsole = :mark",
        ExpressionAttributeNames: { "#pk": pk },
        ExpressionAttributeValues: { ":at": at, ":mark": consoleMark(options.secret, token) },
      });
    } catch (error) {
      // Replaced by a new session, or not this user's, or not ours: nothing to renew.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return { adapter, renewSignIn };
}
