import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { Meter } from "./meter";

export type Item = Record<string, unknown>;

export interface ScanPageRequest {
  doc: DynamoDBDocument;
  meter: Meter;
  tableName: string;
  keyNames: [string, string];
  /** Omitted: every item read is returned. */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  /** Attribute names to read; the key attributes are always added. */
  projection: string[];
  pageSize: number;
  start?: Item;
  /** At most this many items are evaluated (read) in one call, whatever is found. */
  budget: number;
  /** A further test applied after DynamoDB's filter (e.g. one that depends on the current time). */
  accept?: (item: Item) => boolean;
  /** One segment of a parallel Scan (`Segment`/`TotalSegments`); `start` must come from the same segment. */
  segment?: { index: number; total: number };
}

export interface ScanPageResult {
  items: Item[];
  /** Where the next page starts; undefined when the table has been read to the end. */
  next?: Item;
  scanned: number;
  /** Items that passed DynamoDB's filter but not `accept`. */
  rejected: number;
}

/**
 * One page of a filtered Scan. Scan's Limit counts items read, not items found, so this reads
 * until the page is full, the table ends or the budget is spent. A full page ends at the key of
 * its last item, so nothing read but not shown is skipped.
 */
export async function scanPage(request: ScanPageRequest): Promise<ScanPageResult> {
  const { doc, meter, tableName, keyNames, filter, pageSize, budget } = request;
  const names: Record<string, string> = { ...filter?.names };
  const projected = [...new Set([...keyNames, ...request.projection])].map((attribute, i) => {
    names[`#p${i}`] = attribute;
    return `#p${i}`;
  });
  const items: Item[] = [];
  let start = request.start;
  let scanned = 0;
  let rejected = 0;
  // Rare items (a page of sessions in a table of users) need more read per call; cost is the same.
  let limit = Math.max(pageSize * 4, 200);
  while (scanned < budget) {
    const page = await meter.run("Scan", () =>
      doc.scan({
        TableName: tableName,
        FilterExpression: filter?.expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: filter?.values,
        ProjectionExpression: projected.join(", "),
        ExclusiveStartKey: start,
        ...(request.segment ? { Segment: request.segment.index, TotalSegments: request.segment.total } : {}),
        Limit: Math.min(limit, budget - scanned),
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      if (request.accept && !request.accept(item)) {
        rejected++;
        continue;
      }
      items.push(item);
      if (items.length === pageSize) {
        const last = item;
        return { items, next: { [keyNames[0]]: last[keyNames[0]], [keyNames[1]]: last[keyNames[1]] }, scanned, rejected };
      }
    }
    start = page.LastEvaluatedKey;
    if (!start) return { items, scanned, rejected };
    limit = Math.min(limit * 2, 5000);
  }
  return { items, next: start, scanned, rejected };
}
