import "server-only";
import { type ActorKey, type AuditAction, type AuditChanges, type AuditEntry, type AuditResult, type AuditTarget, latestTime } from "@/lib/audit/entry";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { serverConfig } from "@/lib/config";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import type { Item } from "@/lib/dynamo/scan-page";
import { budgetedRead, chargeReadUnits, checkReadBudget } from "@/lib/limits/read-budget";
import { AUDIT_ENTRY_ID, type AuditFilters } from "./schema";

function toActorKey(value: unknown): { apiKey?: ActorKey } {
  const key = value as Partial<ActorKey> | null | undefined;
  return typeof key?.id === "string" && typeof key.name === "string" ? { apiKey: { id: key.id, name: key.name } } : {};
}

function toChanges(value: unknown): AuditChanges | null {
  if (!value || typeof value !== "object") return null;
  const side = (v: unknown) =>
    Object.fromEntries(Object.entries(v && typeof v === "object" ? v : {}).map(([key, field]) => [key, typeof field === "string" ? field : null]));
  const { before, after } = value as { before?: unknown; after?: unknown };
  return { before: side(before), after: side(after) };
}

/** An entry as stored; its id is the primary sort key (never the index key, which a GSI read also returns). */
export function toEntry(item: Item, sortKey: string): AuditEntry {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  const repeats = typeof item.repeats === "number" ? item.repeats : null;
  return {
    id: typeof item[sortKey] === "string" ? (item[sortKey] as string) : `${String(item.at)}~${String(item.requestId)}`,
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
    changes: toChanges(item.changes),
  };
}

/** One entry by its id: a GetItem, charged to the read budget like every read an operator or key can trigger. */
export async function getAuditEntry(operator: Operator | null, id: string): Promise<AuditEntry | null> {
  const allowed = authorize(operator, "read");
  if (!AUDIT_ENTRY_ID.test(id)) return null;
  const table = gatehouseTable();
  const meter = new Meter();
  const { Item } = await budgetedRead(allowed, meter, () =>
    meter.run("GetItem", () => table.doc.get({ TableName: table.schema.tableName, Key: table.auditKey(id.slice(0, 10), id), ReturnConsumedCapacity: "TOTAL" })),
  );
  return Item ? toEntry(Item, table.names.sk) : null;
}

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
 * A page newest first by latest time. A collapsed entry is keyed at the start of its hour (it
 * is one item, updated by each repeat), so DynamoDB returns it below the hour's other entries;
 * within the page it moves up to its latest repeat. Sorting is stable: other entries keep the
 * key order. Across a page boundary it stays on the page its key falls on.
 */
export function byLatestTime(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => (latestTime(a) < latestTime(b) ? 1 : latestTime(a) > latestTime(b) ? -1 : 0));
}

/**
 * Newest first (collapsed entries at their latest time: byLatestTime), one Query per day partition (the log is partitioned by day, so listing never
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
  let dayIndex = startDay === undefined ? 0 : Math.max(0, days.indexOf(startDay));
  let start: Item | undefined = opened.start?.__key as Item | undefined;
  let next: Item | undefined;
  let stopped: AuditPage["stopped"] = null;
  let queries = 0;
  let read = 0;
  await checkReadBudget(allowed);
  for (let day = days[dayIndex]; day !== undefined; day = days[dayIndex]) {
    if (queries >= MAX_AUDIT_QUERIES || read >= MAX_AUDIT_READ) {
      stopped = { day };
      next = { __day: day, ...(start ? { __key: start } : {}) };
      break;
    }
    queries++;
    const result = await meter.run("Query", () =>
      table.doc.query({
        TableName: table.schema.tableName,
        KeyConditionExpression: "#pk = :pk",
        FilterExpression: conditions.length ? conditions.join(" AND ") : undefined,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ":pk": table.auditDay(day) },
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
  return { entries: byLatestTime(entries), days: days.length, stopped, ...pageInfo(serverConfig().secret, view, opened, next), meter: meter.report() };
}
