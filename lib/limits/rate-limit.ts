import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { serverConfig, type RateLimitName } from "@/lib/config";
import { fingerprint } from "@/lib/secrets";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";

export interface LimitVerdict {
  allowed: boolean;
  /** How many times (or units) the subject used this window, this one included when allowed. */
  count: number;
  /** Seconds until the window ends and the subject may try again. */
  retryAfterSeconds: number;
}

/** Over a limit: the caller is told when to come back, and nothing was done. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/** "in 2 minutes", "in 40 seconds": when a limited caller may try again. */
export function retryIn(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  const s = Math.max(1, Math.ceil(seconds));
  return `in ${s} second${s === 1 ? "" : "s"}`;
}

function window(name: RateLimitName, subject: string, now: number) {
  const limit = serverConfig().rateLimits[name];
  if (!limit) return null;
  const start = Math.floor(now / 1000 / limit.windowSeconds) * limit.windowSeconds;
  const end = start + limit.windowSeconds;
  const table = gatehouseTable();
  return {
    limit,
    end,
    retryAfterSeconds: Math.max(1, end - Math.floor(now / 1000)),
    table,
    key: table.rateKey(name, fingerprint(`${name}:${subject.toLowerCase()}`), start),
  };
}

/**
 * Counts one attempt (or `amount` units) against a fixed-window limit kept in the Gatehouse
 * table, so every console instance behind a load balancer shares it. The counter only moves
 * while under the limit: one conditional UpdateItem decides, and TTL removes old windows.
 */
export async function hitLimit(name: RateLimitName, subject: string, options: { amount?: number; now?: number } = {}): Promise<LimitVerdict> {
  const now = options.now ?? Date.now();
  const w = window(name, subject, now);
  if (!w) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const amount = options.amount ?? 1;
  try {
    const { Attributes } = await w.table.doc.update({
      TableName: w.table.schema.tableName,
      Key: w.key,
      UpdateExpression: "ADD #count :amount SET #type = :type, #expires = :expires",
      ConditionExpression: "attribute_not_exists(#count) OR #count < :max",
      ExpressionAttributeNames: { "#count": "count", "#type": "type", "#expires": "expires" },
      ExpressionAttributeValues: { ":amount": amount, ":max": w.limit.max, ":type": "RATE", ":expires": w.end + 60 },
      ReturnValues: "UPDATED_NEW",
    });
    return { allowed: true, count: Number(Attributes?.count ?? amount), retryAfterSeconds: 0 };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { allowed: false, count: w.limit.max, retryAfterSeconds: w.retryAfterSeconds };
    throw error;
  }
}

/** Adds units already spent (read capacity, after a Scan step) without refusing anything. */
export async function chargeLimit(name: RateLimitName, subject: string, amount: number, now = Date.now()): Promise<void> {
  const w = window(name, subject, now);
  if (!w || amount <= 0) return;
  await w.table.doc.update({
    TableName: w.table.schema.tableName,
    Key: w.key,
    UpdateExpression: "ADD #count :amount SET #type = :type, #expires = :expires",
    ExpressionAttributeNames: { "#count": "count", "#type": "type", "#expires": "expires" },
    ExpressionAttributeValues: { ":amount": amount, ":type": "RATE", ":expires": w.end + 60 },
  });
}

/** Whether the subject has used up this window's budget, without counting anything. */
export async function peekLimit(name: RateLimitName, subject: string, now = Date.now()): Promise<LimitVerdict> {
  const w = window(name, subject, now);
  if (!w) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const { Item } = await w.table.doc.get({ TableName: w.table.schema.tableName, Key: w.key, ProjectionExpression: "#count", ExpressionAttributeNames: { "#count": "count" } });
  const count = Number(Item?.count ?? 0);
  return { allowed: count < w.limit.max, count, retryAfterSeconds: count < w.limit.max ? 0 : w.retryAfterSeconds };
}
