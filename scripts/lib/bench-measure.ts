import type { ConsumedCapacity, DynamoDB } from "@aws-sdk/client-dynamodb";

/** Every request a client sent since the last measure, and the capacity they consumed. */
export interface Counter {
  commands: string[];
  readUnits: number;
  writeUnits: number;
}
const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem"]);
const WRITES = new Set(["PutItem", "DeleteItem", "UpdateItem", "BatchWriteItem"]);

/** Counts every request a client sends and the capacity it consumed (asking for TOTAL where the caller didn't). */
export function instrument(raw: DynamoDB): Counter {
  const counter: Counter = { commands: [], readUnits: 0, writeUnits: 0 };
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      counter.commands.push(command);
      const input = args.input as { ReturnConsumedCapacity?: string };
      if ((READS.has(command) || WRITES.has(command)) && !input.ReturnConsumedCapacity) input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const capacity = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      for (const c of Array.isArray(capacity) ? capacity : capacity ? [capacity] : []) {
        if (READS.has(command)) counter.readUnits += c.ReadCapacityUnits ?? c.CapacityUnits ?? 0;
        else counter.writeUnits += c.WriteCapacityUnits ?? c.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "benchCounter" },
  );
  return counter;
}

export interface Sample {
  ms: number;
  requests: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
}

export async function measure(counter: Counter, work: () => Promise<unknown>): Promise<Sample> {
  counter.commands.length = 0;
  counter.readUnits = 0;
  counter.writeUnits = 0;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const byCommand: Record<string, number> = {};
  for (const c of counter.commands) byCommand[c] = (byCommand[c] ?? 0) + 1;
  return { ms, requests: counter.commands.length, readUnits: counter.readUnits, writeUnits: counter.writeUnits, byCommand };
}

/** The nearest-rank quantile; NaN for no values. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  const readUnits = samples.map((s) => s.readUnits);
  return {
    runs: samples.length,
    p50Ms: round(quantile(ms, 0.5)),
    p95Ms: round(quantile(ms, 0.95)),
    requestsP50: quantile(
      samples.map((s) => s.requests),
      0.5,
    ),
    requestsMax: Math.max(...samples.map((s) => s.requests)),
    readUnitsP50: round(quantile(readUnits, 0.5)),
    readUnitsMax: round(Math.max(...readUnits)),
  };
}

export const log = (message: string) => console.log(`[bench] ${message}`);
