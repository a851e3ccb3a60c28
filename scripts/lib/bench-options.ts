import { parseArgs } from "node:util";
import { DEFAULT_ENGINE_HEAP_MB } from "./dynamodb-local";

/**
 * DynamoDB Local's heap for the bench's table. The table itself lives in SQLite's native memory,
 * but a Scan page of a large table is built in the heap: at a million items one 1 MB page filled
 * ~4 GB of it, and the engine answers InternalFailure (HTTP 500) when it runs out, as it did at
 * 512 MB. So the default grows with the table: 8 KB an item, 512 MB at least.
 */
const ENGINE_HEAP_BYTES_PER_ITEM = 8192;
export function engineHeapFor(items: number): number {
  return Math.max(DEFAULT_ENGINE_HEAP_MB, Math.ceil((items * ENGINE_HEAP_BYTES_PER_ITEM) / 2 ** 20 / 256) * 256);
}

/** `--engine-heap 6g`, `6144m` or `6144` (megabytes). */
export function parseHeap(value: string): number {
  const match = /^(\d+)([mg]?)$/i.exec(value.trim());
  if (!match) throw new Error(`--engine-heap: expected megabytes or a size like 4g or 4096m, got "${value}"`);
  const megabytes = Number(match[1]) * (match[2]?.toLowerCase() === "g" ? 1024 : 1);
  if (megabytes < 256) throw new Error("--engine-heap: at least 256m");
  return megabytes;
}

/** `npm run bench -- --items N ...`: the flags, checked once, as the sections read them. */
export function benchOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      items: { type: "string", default: "100000" },
      runs: { type: "string", default: "20" },
      "scan-runs": { type: "string" },
      out: { type: "string", default: "bench-results/bench.json" },
      seed: { type: "string", default: "6" },
      build: { type: "boolean", default: false },
      "skip-app": { type: "boolean", default: false },
      load: { type: "boolean", default: false },
      "load-seconds": { type: "string", default: "60" },
      "load-warmup": { type: "string", default: "20" },
      operators: { type: "string", default: "20" },
      "heap-snapshots": { type: "string" },
      "html-dir": { type: "string" },
      "list-users": { type: "string", default: "1000" },
      "list-sessions": { type: "string", default: "5" },
      "list-step": { type: "string", default: "50" },
      "engine-heap": { type: "string" },
      "scan-budget-s": { type: "string", default: "60" },
      "activity-writes": { type: "string", default: "100000" },
      "activity-lag-rate": { type: "string", default: "200" },
      "activity-lag-seconds": { type: "string", default: "30" },
    },
  });
  const runs = Number(values.runs);
  const items = Number(values.items);
  const options = {
    items,
    runs,
    scanRuns: Number(values["scan-runs"] ?? Math.min(runs, 3)),
    seed: Number(values.seed),
    out: values.out,
    build: values.build,
    skipApp: values["skip-app"],
    load: values.load,
    loadSeconds: Number(values["load-seconds"]),
    loadWarmup: Number(values["load-warmup"]),
    operators: Number(values.operators),
    heapSnapshots: values["heap-snapshots"],
    htmlDir: values["html-dir"],
    listUsers: Number(values["list-users"]),
    listSessions: Number(values["list-sessions"]),
    listStep: Number(values["list-step"]),
    engineHeapMB: values["engine-heap"] === undefined ? engineHeapFor(items) : parseHeap(values["engine-heap"]),
    scanBudgetSeconds: Number(values["scan-budget-s"]),
    activityWrites: Number(values["activity-writes"]),
    activityLagRate: Number(values["activity-lag-rate"]),
    activityLagSeconds: Number(values["activity-lag-seconds"]),
  };
  for (const [flag, value, min] of [
    ["--items", options.items, 100],
    ["--runs", options.runs, 1],
    ["--scan-runs", options.scanRuns, 1],
    ["--load-seconds", options.loadSeconds, 1],
    ["--load-warmup", options.loadWarmup, 0],
    ["--operators", options.operators, 1],
    ["--list-users", options.listUsers, 0],
    ["--list-sessions", options.listSessions, 1],
    ["--list-step", options.listStep, 1],
    ["--scan-budget-s", options.scanBudgetSeconds, 1],
    ["--activity-writes", options.activityWrites, 0],
    ["--activity-lag-rate", options.activityLagRate, 1],
    ["--activity-lag-seconds", options.activityLagSeconds, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag}: expected a whole number ≥ ${min}`);
  }
  return options;
}

export type BenchOptions = ReturnType<typeof benchOptions>;
