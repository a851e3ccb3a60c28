import { parseArgs } from "node:util";

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
    },
  });
  const runs = Number(values.runs);
  const options = {
    items: Number(values.items),
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
  ] as const) {
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag}: expected a whole number ≥ ${min}`);
  }
  return options;
}

export type BenchOptions = ReturnType<typeof benchOptions>;
