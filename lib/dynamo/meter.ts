import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";

export type Operation = "GetItem" | "Query" | "Scan" | "BatchGetItem" | "BatchWriteItem" | "DescribeTable" | "DeleteItem" | "PutItem";

export interface MeterEntry {
  operation: Operation;
  calls: number;
  readUnits: number;
  writeUnits: number;
  ms: number;
  itemsRead: number;
}

function units(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined, kind: "read" | "write") {
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  return list.reduce((sum, c) => {
    const specific = kind === "read" ? c.ReadCapacityUnits : c.WriteCapacityUnits;
    return sum + (specific ?? (kind === "read" ? (c.CapacityUnits ?? 0) : 0));
  }, 0);
}

/**
 * Counts what one view asks of DynamoDB: operations, calls, consumed capacity and time,
 * so every page can show what it cost.
 */
export class Meter {
  private readonly entries = new Map<Operation, MeterEntry>();

  async run<T extends { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[]; ScannedCount?: number; Count?: number }>(
    operation: Operation,
    call: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    const result = await call();
    const entry = this.entries.get(operation) ?? { operation, calls: 0, readUnits: 0, writeUnits: 0, ms: 0, itemsRead: 0 };
    entry.calls += 1;
    entry.ms += performance.now() - started;
    entry.readUnits += units(result.ConsumedCapacity, "read");
    entry.writeUnits += units(result.ConsumedCapacity, "write");
    entry.itemsRead += result.ScannedCount ?? result.Count ?? 0;
    this.entries.set(operation, entry);
    return result;
  }

  /** Read capacity consumed so far, over every operation. */
  get readUnits(): number {
    return [...this.entries.values()].reduce((sum, e) => sum + e.readUnits, 0);
  }

  get calls(): number {
    return [...this.entries.values()].reduce((sum, e) => sum + e.calls, 0);
  }

  report(): MeterEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e, ms: Math.round(e.ms * 10) / 10, readUnits: Math.round(e.readUnits * 10) / 10 }));
  }
}

/** One entry per operation, adding up entries from several meters. */
export function mergeMeters(entries: MeterEntry[]): MeterEntry[] {
  const merged = new Map<Operation, MeterEntry>();
  for (const entry of entries) {
    const seen = merged.get(entry.operation);
    merged.set(
      entry.operation,
      seen
        ? {
            operation: entry.operation,
            calls: seen.calls + entry.calls,
            readUnits: Math.round((seen.readUnits + entry.readUnits) * 10) / 10,
            writeUnits: seen.writeUnits + entry.writeUnits,
            ms: Math.round((seen.ms + entry.ms) * 10) / 10,
            itemsRead: seen.itemsRead + entry.itemsRead,
          }
        : entry,
    );
  }
  return [...merged.values()];
}
