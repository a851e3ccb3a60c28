import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import Bowser from "bowser";
import { RefusedError } from "@/lib/audit/act";
import { finishAudit, startAudit } from "@/lib/audit/writer";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import { hasConsoleMark } from "@/lib/auth/console-adapter";
import type { ConsoleOperator, Operator } from "@/lib/auth/operator";
import { requestContext } from "@/lib/auth/request-context";
import { serverConfig } from "@/lib/config";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { type Key, keysFor, prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import type { Item } from "@/lib/dynamo/scan-page";
import { fingerprint } from "@/lib/secrets";
import type { OwnSession } from "./schema";

/** "Chrome 156 on Linux": enough to recognise a browser, without the whole user agent. */
export function browserSummary(userAgent: string): string {
  if (!userAgent || userAgent === "unknown") return "Unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ") || "Unknown browser";
  return os.name ? `${name} on ${os.name}` : name;
}

const number = (value: unknown) => (typeof value === "number" ? value : 0);

/** The operator's live console sessions with their keys: one Query on their user partition in the Gatehouse table. */
async function consoleSessionsOf(userId: string, meter = new Meter()): Promise<{ session: Omit<OwnSession, "current">; key: Key }[]> {
  const table = gatehouseTable();
  const keys = keysFor(table.schema);
  const { pk, sk } = keys.names;
  const { secret, idleSeconds } = serverConfig();
  const now = Date.now();
  const found: { session: Omit<OwnSession, "current">; key: Key }[] = [];
  let start: Item | undefined;
  do {
    const page = await meter.run("Query", () =>
      table.doc.query({
        TableName: table.schema.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
        ExpressionAttributeNames: { "#pk": pk, "#sk": sk, "#expires": "expires" },
        ExpressionAttributeValues: { ":pk": keys.userPartition(userId), ":session": prefixes.session },
        ProjectionExpression: "#pk, #sk, #expires, gatehouseConsole, signedInAt, lastUsedAt, clientIp, userAgent",
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = keys.parse(item);
      // The table may be the product's: its own sessions of the same user are not console sessions.
      if (parsed.kind !== "session" || !hasConsoleMark(secret, parsed.sessionToken, item.gatehouseConsole)) continue;
      const expiresAt = number(item.expires) * 1000;
      const lastUsedAt = number(item.lastUsedAt);
      if (expiresAt <= now || now - lastUsedAt > idleSeconds * 1000) continue;
      found.push({
        key: keys.keyOf(item),
        session: {
          fingerprint: fingerprint(parsed.sessionToken),
          signedInAt: number(item.signedInAt),
          lastUsedAt,
          expiresAt,
          ip: typeof item.clientIp === "string" ? item.clientIp : "unknown",
          browser: browserSummary(typeof item.userAgent === "string" ? item.userAgent : ""),
        },
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** A console operator with a session: an API key has no console sessions of its own. */
function consoleOperator(operator: Operator): ConsoleOperator & { session: NonNullable<ConsoleOperator["session"]> } {
  if (operator.kind === "api-key" || !operator.session) throw new ForbiddenError("Sign in first.");
  return operator as ConsoleOperator & { session: NonNullable<ConsoleOperator["session"]> };
}

/** "Your sessions": any operator's own console sessions, most recently used first. */
export async function listOwnSessions(operator: Operator | null): Promise<{ sessions: OwnSession[]; meter: MeterEntry[]; now: number }> {
  const allowed = consoleOperator(authorize(operator, "read"));
  const userId = allowed.session.userId;
  const meter = new Meter();
  const sessions = (await consoleSessionsOf(userId, meter))
    .map(({ session }) => ({ ...session, current: session.fingerprint === allowed.session?.fingerprint }))
    .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  return { sessions, meter: meter.report(), now: Date.now() };
}

/**
 * Signs one of the operator's other console sessions out. Viewers too, and in read-only mode:
 * it changes only the operator's own access, never the product's data. Audited like any action.
 */
export async function revokeOwnSession(operator: Operator | null, request: { fingerprint: string }) {
  const allowed = consoleOperator(authorize(operator, "read"));
  const userId = allowed.session.userId;
  if (request.fingerprint === allowed.session.fingerprint) throw new RefusedError("That is this session: use Sign out instead.");
  const handle = await startAudit(allowed, await requestContext(), "revoke-own-session", { email: allowed.email, fingerprints: [request.fingerprint] }, null);
  const already = { result: "ok" as const, message: `Session …${request.fingerprint} was already signed out.`, counts: { revoked: 0 } };
  let outcome: { result: "ok"; message: string; counts: Record<string, number> } = already;
  try {
    const match = (await consoleSessionsOf(userId)).find(({ session }) => session.fingerprint === request.fingerprint);
    if (match) {
      const table = gatehouseTable();
      await table.doc.delete({
        TableName: table.schema.tableName,
        Key: match.key,
        ConditionExpression: "attribute_exists(#pk)",
        ExpressionAttributeNames: { "#pk": table.names.pk },
      });
      outcome = { result: "ok", message: `Signed out session …${request.fingerprint}.`, counts: { revoked: 1 } };
    }
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) {
      await finishAudit(handle, { result: "failed", message: "failed: the session could not be deleted" }).catch(() => {});
      throw error;
    }
  }
  await finishAudit(handle, outcome);
  return { ...outcome, auditId: handle.id };
}
