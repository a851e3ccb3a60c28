import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import type { RequestContext } from "@/lib/auth/request-context";
import { serverConfig } from "@/lib/config";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { fingerprint } from "@/lib/secrets";
import type { Item } from "@/lib/dynamo/scan-page";
import { gatehouseTable } from "./gatehouse-table";
import { openPage, pageInfo, type PageInfo } from "./paging";
import { checkReadBudget, chargeReadUnits } from "./read-budget";

export const auditActions = [
  "sign-in",
  "sign-out",
  "sign-in-refused",
  "revoke-session",
  "revoke-all-sessions",
  "revoke-selected",
  "unlink-account",
  "delete-user",
  "purge-expired",
  "repair-table",
  "undo",
  "revoke-own-session",
  "block-user",
  "unblock-user",
  "edit-user",
  "create-user",
  "send-sign-in-link",
  "export-user",
  "merge-users",
  "create-api-key",
  "revoke-api-key",
] as const;
export type AuditAction = (typeof auditActions)[number];
export type AuditResult = "started" | "ok" | "partial" | "failed" | "refused";

export interface AuditTarget {
  userId?: string;
  email?: string;
  provider?: string;
  providerAccountId?: string;
  /** Session or token fingerprints, never the tokens. */
  fingerprints?: string[];
  /** For undo: the entry undone. */
  entryId?: string;
  /** For create/revoke-api-key: the key's id and name (never the key or its hash). */
  apiKeyId?: string;
  apiKeyName?: string;
}

/** The API key an action came through, by id and name. */
export interface ActorKey {
  id: string;
  name: string;
}

export interface Actor {
  /** A console operator's email, or the creator's for an API key. */
  email: string;
  role: string;
  apiKey?: ActorKey;
}

/** Who an entry is attributed to: an operator by email and role, an API key by its creator's email, its id and name. */
export function actorOf(who: Actor | Operator): Actor {
  if ("kind" in who && who.kind === "api-key") return { email: who.email, role: "api-key", apiKey: { id: who.keyId, name: who.name } };
  return "apiKey" in who && who.apiKey ? { email: who.email, role: who.role, apiKey: who.apiKey } : { email: who.email, role: who.role };
}

export interface AuditEntry {
  id: string;
  at: string;
  operatorEmail: string;
  operatorRole: string;
  /** Set when the action came through the management API. */
  apiKey?: ActorKey;
  action: AuditAction;
  target: AuditTarget;
  reason: string | null;
  result: AuditResult;
  counts: Record<string, number>;
  message: string | null;
  requestId: string;
  ip: string;
  userAgent: string;
  /** Set when the action kept what it removed and can be undone until then. */
  undoUntil: string | null;
  /** On a collapsed entry (see recordCollapsedAuditEvent): the latest of its repeats. */
  lastAt: string | null;
}

export class AuditError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The audit log could not be written, so nothing was changed. Try again.", options);
    this.name = "AuditError";
  }
}

export interface AuditHandle {
  id: string;
  day: string;
  actor: Actor;
}

function searchText(actor: Actor, target: AuditTarget) {
  return [actor.email, actor.apiKey?.id, actor.apiKey?.name, target.apiKeyId, target.apiKeyName, target.userId, target.email, target.provider, target.providerAccountId, ...(target.fingerprints ?? [])]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

/**
 * Writes the entry before the action runs (result "started"), so no mutation can happen
 * without a record. Throws AuditError when it can't be written: the caller must not go on.
 */
export async function startAudit(who: Actor | Operator, context: RequestContext, action: AuditAction, target: AuditTarget, reason: string | null): Promise<AuditHandle> {
  const actor = actorOf(who);
  const table = gatehouseTable();
  const at = new Date().toISOString();
  const id = `${at}~${context.requestId}`;
  const day = at.slice(0, 10);
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: {
        ...table.auditKey(day, id),
        type: "AUDIT",
        at,
        operatorEmail: actor.email,
        operatorRole: actor.role,
        ...(actor.apiKey ? { apiKey: actor.apiKey } : {}),
        action,
        target,
        reason,
        result: "started",
        counts: {},
        requestId: context.requestId,
        ip: context.ip,
        userAgent: context.userAgent,
        search: searchText(actor, target),
      },
      ConditionExpression: `attribute_not_exists(#pk)`,
      ExpressionAttributeNames: { "#pk": table.names.pk },
    });
  } catch (error) {
    console.error(`[audit] could not record ${action} by ${actor.email}:`, error instanceof Error ? error.message : error);
    throw new AuditError();
  }
  return { id, day, actor };
}

/** Records how the action ended. A failure here is logged to stderr and reported as a failed action. */
export async function finishAudit(
  handle: AuditHandle,
  outcome: { result: AuditResult; counts?: Record<string, number>; message?: string; undoUntil?: string; target?: AuditTarget },
): Promise<void> {
  const table = gatehouseTable();
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(handle.day, handle.id),
      UpdateExpression: "SET #result = :result, #counts = :counts, #message = :message, #undo = :undo" + (outcome.target ? ", #target = :target, #search = :search" : ""),
      ConditionExpression: "#result = :started",
      ExpressionAttributeNames: {
        "#result": "result",
        "#counts": "counts",
        "#message": "message",
        "#undo": "undoUntil",
        ...(outcome.target ? { "#target": "target", "#search": "search" } : {}),
      },
      ExpressionAttributeValues: {
        ":result": outcome.result,
        ":counts": outcome.counts ?? {},
        ":message": outcome.message ?? null,
        ":undo": outcome.undoUntil ?? null,
        ":started": "started",
        ...(outcome.target ? { ":target": outcome.target, ":search": searchText(handle.actor, outcome.target) } : {}),
      },
    });
  } catch (error) {
    console.error(`[audit] could not record the outcome of ${handle.id} (${JSON.stringify(outcome)}):`, error instanceof Error ? error.message : error);
    throw new AuditError({ cause: error });
  }
}

/** Updates the counts of a long action (a purge run) while it is still going. */
export async function progressAudit(handle: AuditHandle, counts: Record<string, number>): Promise<void> {
  const table = gatehouseTable();
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(handle.day, handle.id),
      UpdateExpression: "SET #counts = :counts",
      ConditionExpression: "#result = :started",
      ExpressionAttributeNames: { "#counts": "counts", "#result": "result" },
      ExpressionAttributeValues: { ":counts": counts, ":started": "started" },
    });
  } catch (error) {
    console.error(`[audit] could not record progress of ${handle.id}:`, error instanceof Error ? error.message : error);
    throw new AuditError();
  }
}

/** One-shot entries for sign-in events; a failure is logged to stderr. */
export async function recordAuditEvent(actor: Actor, context: RequestContext, action: AuditAction, result: AuditResult, target: AuditTarget = {}) {
  try {
    const handle = await startAudit(actor, context, action, target, null);
    await finishAudit(handle, { result });
  } catch {
    // already logged to stderr by startAudit/finishAudit
  }
}

/**
 * Repeats of one refusal (sign-ins of one address, one operator's forbidden calls) share one
 * entry per subject per hour, whose `repeats` counts them, so a flood cannot grow the log.
 * A failure is logged to stderr.
 */
export async function recordCollapsedAuditEvent(actor: Actor, context: RequestContext, action: AuditAction, target: AuditTarget, subject: string, now = new Date(), message: string | null = null) {
  const table = gatehouseTable();
  const at = now.toISOString();
  const hour = `${at.slice(0, 13)}:00:00.000Z`;
  const id = `${hour}~collapsed-${fingerprint(`${action}:${subject.toLowerCase()}`)}`;
  const keep = (name: string) => `#${name} = if_not_exists(#${name}, :${name})`;
  const fields = { type: "AUDIT", at, operatorEmail: actor.email, operatorRole: actor.role, ...(actor.apiKey ? { apiKey: actor.apiKey } : {}), action, target, reason: null, result: "refused", counts: {}, message, requestId: context.requestId, ip: context.ip, userAgent: context.userAgent, search: searchText(actor, target) };
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(hour.slice(0, 10), id),
      UpdateExpression: `SET ${Object.keys(fields).map(keep).join(", ")}, #lastAt = :lastAt, #lastIp = :lastIp ADD #repeats :one`,
      ExpressionAttributeNames: Object.fromEntries([...Object.keys(fields), "lastAt", "lastIp", "repeats"].map((name) => [`#${name}`, name])),
      ExpressionAttributeValues: { ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])), ":lastAt": at, ":lastIp": context.ip, ":one": 1 },
    });
  } catch (error) {
    console.error(`[audit] could not record ${action} by ${actor.email}:`, error instanceof Error ? error.message : error);
  }
}

function toActorKey(value: unknown): { apiKey?: ActorKey } {
  const key = value as Partial<ActorKey> | null | undefined;
  return typeof key?.id === "string" && typeof key.name === "string" ? { apiKey: { id: key.id, name: key.name } } : {};
}

function toEntry(item: Item, sortKey: string): AuditEntry {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  const repeats = typeof item.repeats === "number" ? item.repeats : null;
  return {
    id: typeof item[sortKey] === "string" ? (item[sortKey] as string) : String(item.at) + "~" + String(item.requestId),
    at: String(item.at),
    operatorEmail: String(item.operatorEmail),
    operatorRole: String(item.operatorRole),
    ...toActorKey(item.apiKey),
    action: item.action as AuditAction,
    target: (item.target ?? {}) as AuditTarget,
    reason: text(item.reason),
    result: item.result as AuditResult,
    counts: { ...((item.counts ?? {}) as Record<string, number>), ...(repeats ? { attempts: repeats } : {}) },
    message: text(item.message),
    requestId: String(item.requestId),
    ip: String(item.ip),
    userAgent: String(item.userAgent),
    undoUntil: text(item.undoUntil),
    lastAt: text(item.lastAt),
  };
}

export async function getAuditEntry(operator: Operator | null, id: string): Promise<AuditEntry | null> {
  authorize(operator, "read");
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z~[\w-]{1,64}$/.test(id)) return null;
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.auditKey(id.slice(0, 10), id) });
  return Item ? toEntry(Item, table.names.sk) : null;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v, "a real date");

export const auditFilterSchema = z
  .object({
    operator: z.string().trim().toLowerCase().max(254).optional(),
    action: z.enum(auditActions).optional(),
    target: z.string().trim().toLowerCase().max(200).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date.", path: ["from"] });

export type AuditFilters = z.infer<typeof auditFilterSchema>;

const DAY_MS = 24 * 3600_000;
const MAX_DAYS = 366;

/** The days a listing walks, newest first. */
export function auditDays(filters: AuditFilters, now = Date.now()): string[] {
  const to = filters.to ? Date.parse(filters.to) : Date.parse(new Date(now).toISOString().slice(0, 10));
  const from = filters.from ? Date.parse(filters.from) : to - 29 * DAY_MS;
  const days: string[] = [];
  for (let t = to; t >= from && days.length < MAX_DAYS; t -= DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** One page request reads at most this many day partitions and entries; then it stops and offers to go on. */
export const MAX_AUDIT_QUERIES = 31;
export const MAX_AUDIT_READ = 2_000;

export interface AuditPage extends PageInfo {
  entries: AuditEntry[];
  days: number;
  /** Set when the request stopped at its bound before the page was full: the day it got to (not yet read, or read in part). nextCursor goes on from there. */
  stopped: { day: string } | null;
  meter: MeterEntry[];
}

/**
 * Newest first, one Query per day partition (the log is partitioned by day, so listing never
 * scans), filters applied as FilterExpressions on those Queries. Bounded per request (and
 * charged to the operator's read budget): a filter that matches nothing stops after
 * MAX_AUDIT_QUERIES days or MAX_AUDIT_READ entries read, and says where.
 */
export async function listAudit(operator: Operator | null, filters: AuditFilters, request: { pageSize: number; cursor?: string }): Promise<AuditPage> {
  const allowed = authorize(operator, "read");
  const table = gatehouseTable();
  const view = `audit:${request.pageSize}:${JSON.stringify(filters)}`;
  const opened = openPage(serverConfig().secret, view, request.cursor);
  const meter = new Meter();
  const days = auditDays(filters);
  const conditions: string[] = [];
  const names: Record<string, string> = { "#pk": table.names.pk };
  const values: Record<string, unknown> = {};
  if (filters.operator) {
    conditions.push("#operator = :operator");
    names["#operator"] = "operatorEmail";
    values[":operator"] = filters.operator;
  }
  if (filters.action) {
    conditions.push("#action = :action");
    names["#action"] = "action";
    values[":action"] = filters.action;
  }
  if (filters.target) {
    conditions.push("contains(#search, :target)");
    names["#search"] = "search";
    values[":target"] = filters.target;
  }

  const entries: AuditEntry[] = [];
  const startDay = typeof opened.start?.__day === "string" ? opened.start.__day : days[0];
  let dayIndex = Math.max(0, days.indexOf(startDay!));
  let start: Item | undefined = opened.start?.__key as Item | undefined;
  let next: Item | undefined;
  let stopped: AuditPage["stopped"] = null;
  let queries = 0;
  let read = 0;
  await checkReadBudget(allowed);
  while (dayIndex < days.length) {
    if (queries >= MAX_AUDIT_QUERIES || read >= MAX_AUDIT_READ) {
      stopped = { day: days[dayIndex]! };
      next = { __day: days[dayIndex], ...(start ? { __key: start } : {}) };
      break;
    }
    queries++;
    const result = await meter.run("Query", () =>
      table.doc.query({
        TableName: table.schema.tableName,
        KeyConditionExpression: "#pk = :pk",
        FilterExpression: conditions.length ? conditions.join(" AND ") : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ":pk": table.auditDay(days[dayIndex]!) },
        ScanIndexForward: false,
        Limit: Math.min(request.pageSize - entries.length + (conditions.length ? 50 : 0), MAX_AUDIT_READ - read),
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    read += result.ScannedCount ?? 0;
    for (const item of result.Items ?? []) {
      entries.push(toEntry(item, table.names.sk));
      if (entries.length === request.pageSize) {
        next = { __day: days[dayIndex], __key: { [table.names.pk]: item[table.names.pk], [table.names.sk]: item[table.names.sk] } };
        break;
      }
    }
    if (next) break;
    if (result.LastEvaluatedKey) {
      start = result.LastEvaluatedKey;
      continue;
    }
    dayIndex++;
    start = undefined;
  }
  await chargeReadUnits(allowed, meter.readUnits);
  return { entries, days: days.length, stopped, ...pageInfo(serverConfig().secret, view, opened, next), meter: meter.report() };
}
