import "server-only";
import type { AuditEntry } from "@/lib/audit/entry";
import { type AuditIndexMarker, toAuditIndexMarker } from "@/lib/audit/user-index";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { openPage, type PageInfo, pageInfo } from "@/lib/dynamo/paging";
import type { Item } from "@/lib/dynamo/scan-page";
import { toEntry } from "@/lib/features/audit/server";
import { chargeReadUnits, checkReadBudget } from "@/lib/limits/read-budget";

export const HISTORY_PAGE_SIZE = 10;

export interface UserHistoryPage extends PageInfo {
  entries: AuditEntry[];
  /** When indexing by user began, and whether older (unindexed) entries may exist; null until anything was indexed. */
  index: AuditIndexMarker | null;
  meter: MeterEntry[];
}

type GatehouseTable = ReturnType<typeof gatehouseTable>;

/** The marker never changes once written, so a process reads it until it finds it, then no more. */
const markers = new Map<string, AuditIndexMarker>();

async function indexMarker(table: GatehouseTable, meter: Meter): Promise<AuditIndexMarker | null> {
  const known = markers.get(table.schema.tableName);
  if (known) return known;
  const { Item } = await meter.run("GetItem", () =>
    table.doc.get({ TableName: table.schema.tableName, Key: table.auditIndexMarkerKey(), ReturnConsumedCapacity: "TOTAL" }),
  );
  const marker = toAuditIndexMarker(Item);
  if (marker) markers.set(table.schema.tableName, marker);
  return marker;
}

/** One page of a user's entries, newest first, from the GSI: one Query (pageSize + 1 items, so a next page is never empty). */
export async function queryUserHistory(table: GatehouseTable, meter: Meter, userId: string, pageSize: number, start?: Item) {
  const { Items = [] } = await meter.run("Query", () =>
    table.doc.query({
      TableName: table.schema.tableName,
      IndexName: table.schema.indexName,
      KeyConditionExpression: "#gpk = :gpk",
      ExpressionAttributeNames: { "#gpk": table.names.gpk },
      ExpressionAttributeValues: { ":gpk": table.auditUserPartition(userId) },
      ScanIndexForward: false,
      Limit: pageSize + 1,
      ExclusiveStartKey: start,
      ReturnConsumedCapacity: "TOTAL",
    }),
  );
  const items = Items.slice(0, pageSize);
  const last = items.at(-1);
  const { pk, sk, gpk, gsk } = table.names;
  const next = Items.length > pageSize && last ? { [pk]: last[pk], [sk]: last[sk], [gpk]: last[gpk], [gsk]: last[gsk] } : undefined;
  return { entries: items.map((item) => toEntry(item, sk)), next };
}

/** A user's audit history (what was done to them), newest first, charged to the operator's read budget like the audit log. */
export async function listUserHistory(
  operator: Operator | null,
  userId: string,
  request: { pageSize?: number; cursor?: string } = {},
): Promise<UserHistoryPage> {
  const allowed = authorize(operator, "read");
  const table = gatehouseTable();
  const pageSize = request.pageSize ?? HISTORY_PAGE_SIZE;
  const view = `user-history:${userId}:${pageSize}`;
  const opened = openPage(serverConfig().secret, view, request.cursor);
  const meter = new Meter();
  await checkReadBudget(allowed);
  const [{ entries, next }, index] = await Promise.all([queryUserHistory(table, meter, userId, pageSize, opened.start), indexMarker(table, meter)]);
  await chargeReadUnits(allowed, meter.readUnits);
  return { entries, index, ...pageInfo(serverConfig().secret, view, opened, next), meter: meter.report() };
}
