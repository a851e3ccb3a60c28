import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type RateLimitName, serverConfig } from "@/lib/config";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { fingerprint } from "@/lib/secrets";
import { limitNow } from "./clock";

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

/**
 * The two fixed windows a sliding count is made of: the current one, and the one before, whose
 * count is weighted by how much of it still overlaps the last `windowSeconds` (the two-window
 * weighted count). A fixed window alone let a subject spend `max` just before its end and `max`
 * again just after: twice the limit across the edge.
 */
function windows(name: RateLimitName, subject: string, now: number) {
  const limit = serverConfig().rateLimits[name];
  if (!limit) return null;
  const span = limit.windowSeconds;
  const seconds = now / 1000;
  const start = Math.floor(seconds / span) * span;
  const subjectHash = fingerprint(`${name}:${subject.toLowerCase()}`);
  const table = gatehouseTable();
  return {
    limit,
    elapsed: seconds - start,
    previousWeight: 1 - (seconds - start) / span,
    table,
    key: table.rateKey(name, subjectHash, start),
    previousKey: table.rateKey(name, subjectHash, start - span),
    // A window's counter is read as the previous one until the next window ends.
    expires: start + 2 * span + 60,
  };
}

type Windows = NonNullable<ReturnType<typeof windows>>;

async function countOf(w: Windows, key: Record<string, unknown>): Promise<number> {
  const { Item } = await w.table.doc.get({
    TableName: w.table.schema.tableName,
    Key: key,
    ProjectionExpression: "#count",
    ExpressionAttributeNames: { "#count": "count" },
  });
  return Number(Item?.count ?? 0);
}

/**
 * Seconds until the weighted count is at most `room`, if nothing more is counted: within this
 * window as the previous one's weight falls, or else in the next, as this one's does.
 */
function secondsUntil(w: Windows, previous: number, current: number, room: number): number {
  const span = w.limit.windowSeconds;
  if (room < 0) return span * 2;
  if (current <= room && previous > 0) {
    const wait = span * (1 - (room - current) / previous) - w.elapsed;
    if (wait < span - w.elapsed) return Math.max(1, Math.ceil(wait));
  }
  const next = current > 0 ? Math.max(0, span * (1 - room / current)) : 0;
  return Math.max(1, Math.ceil(span - w.elapsed + next));
}

const tenths = (n: number) => Math.round(n * 10) / 10;

/**
 * Counts one attempt (or `amount` units) against a limit kept in the Gatehouse table, so every
 * console instance behind a load balancer shares it. The count is the two-window weighted one
 * (see windows): one GetItem of the previous window's counter, then one conditional UpdateItem
 * of the current one, which moves only while the weighted count stays within the limit, so
 * concurrent attempts cannot pass it. TTL removes old windows.
 */
export async function hitLimit(name: RateLimitName, subject: string, options: { amount?: number; now?: number } = {}): Promise<LimitVerdict> {
  const now = options.now ?? limitNow();
  const w = windows(name, subject, now);
  if (!w) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const amount = options.amount ?? 1;
  const previous = await countOf(w, w.previousKey);
  const carried = previous * w.previousWeight;
  // The most the current counter may hold before this attempt is added.
  const ceiling = w.limit.max - carried - amount;
  const refused = (current: number): LimitVerdict => ({
    allowed: false,
    count: w.limit.max,
    retryAfterSeconds: secondsUntil(w, previous, current, w.limit.max - amount),
  });
  if (ceiling < 0) return refused(await countOf(w, w.key));
  try {
    const { Attributes } = await w.table.doc.update({
      TableName: w.table.schema.tableName,
      Key: w.key,
      UpdateExpression: "ADD #count :amount SET #type = :type, #expires = :expires",
      ConditionExpression: "attribute_not_exists(#count) OR #count <= :ceiling",
      ExpressionAttributeNames: { "#count": "count", "#type": "type", "#expires": "expires" },
      ExpressionAttributeValues: { ":amount": amount, ":ceiling": ceiling, ":type": "RATE", ":expires": w.expires },
      ReturnValues: "UPDATED_NEW",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
    return { allowed: true, count: tenths(carried + Number(Attributes?.count ?? amount)), retryAfterSeconds: 0 };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return refused(Number(error.Item?.count?.N ?? Math.floor(ceiling) + 1));
    throw error;
  }
}

/** Adds units already spent (read capacity, after a Scan step) without refusing anything. */
export async function chargeLimit(name: RateLimitName, subject: string, amount: number, now = limitNow()): Promise<void> {
  const w = windows(name, subject, now);
  if (!w || amount <= 0) return;
  await w.table.doc.update({
    TableName: w.table.schema.tableName,
    Key: w.key,
    UpdateExpression: "ADD #count :amount SET #type = :type, #expires = :expires",
    ExpressionAttributeNames: { "#count": "count", "#type": "type", "#expires": "expires" },
    ExpressionAttributeValues: { ":amount": amount, ":type": "RATE", ":expires": w.expires },
  });
}

/** Whether the subject's weighted count has reached the limit, without counting anything (two GetItems). */
export async function peekLimit(name: RateLimitName, subject: string, now = limitNow()): Promise<LimitVerdict> {
  const w = windows(name, subject, now);
  if (!w) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const [previous, current] = await Promise.all([countOf(w, w.previousKey), countOf(w, w.key)]);
  const count = tenths(previous * w.previousWeight + current);
  const allowed = previous * w.previousWeight + current < w.limit.max;
  // Open again once the weighted count is below the limit: a hair under it.
  return { allowed, count, retryAfterSeconds: allowed ? 0 : secondsUntil(w, previous, current, w.limit.max - 1e-6) };
}
