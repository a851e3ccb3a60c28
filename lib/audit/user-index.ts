import type { TableSchema } from "@/lib/config";

/**
 * Audit entries are indexed per target user in the Gatehouse table's GSI (GSI1PK =
 * AUDIT#USER#<userId>, GSI1SK = the entry id, which starts with its ISO time). Entries written
 * before indexing began have no index keys; the marker item says when it began and whether
 * the table may hold such earlier entries. No I/O here: `npm run setup` uses it too.
 */

export const AUDIT_USER_PREFIX = "AUDIT#USER#";

/** The audit log's own partition for one UTC day (`2026-12-08`), where every entry lives, keyed by its id. */
export function auditDayPartition(day: string): string {
  return `AUDIT#${day}`;
}
const MARKER = "AUDIT#INDEX";

type Names = Pick<TableSchema, "partitionKey" | "sortKey" | "indexPartitionKey" | "indexSortKey">;

export function auditUserPartition(userId: string): string {
  return `${AUDIT_USER_PREFIX}${userId}`;
}

/** The index keys of one entry, or none when it targets no user. */
export function auditUserIndexKeys(schema: Names, target: { userId?: string }, entryId: string): Record<string, string> {
  return target.userId ? { [schema.indexPartitionKey]: auditUserPartition(target.userId), [schema.indexSortKey]: entryId } : {};
}

export function auditIndexMarkerKey(schema: Names): Record<string, string> {
  return { [schema.partitionKey]: MARKER, [schema.sortKey]: MARKER };
}

export interface AuditIndexMarker {
  /** When indexing by user began (ISO). */
  since: string;
  /** Whether entries older than `since` (not indexed) may exist: false only for a table created with indexing on. */
  earlierEntries: boolean;
}

export function auditIndexMarkerItem(schema: Names, marker: AuditIndexMarker): Record<string, unknown> {
  return { ...auditIndexMarkerKey(schema), type: "AUDIT_INDEX", since: marker.since, earlierEntries: marker.earlierEntries };
}

export function toAuditIndexMarker(item: Record<string, unknown> | undefined): AuditIndexMarker | null {
  if (!item || typeof item.since !== "string") return null;
  return { since: item.since, earlierEntries: item.earlierEntries !== false };
}
