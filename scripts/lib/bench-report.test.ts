import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ActivityBenchFigures } from "./bench-activity";
import { ratio } from "./bench-lookups";
import type { Sample } from "./bench-measure";
import { benchOptions, engineHeapFor, parseHeap } from "./bench-options";
import { type BenchFigures, tableRows } from "./bench-report";

const sample = (ms: number, byCommand: Record<string, number> = {}): Sample => ({ ms, requests: 1, readUnits: 0.5, writeUnits: 0, byCommand });
const lookupSummary = (p50Ms: number, requests: number, readUnits: number) => ({
  runs: 1,
  p50Ms,
  p95Ms: p50Ms,
  requestsP50: requests,
  requestsMax: requests,
  readUnitsP50: readUnits,
  readUnitsMax: readUnits,
});

/** The figures of a run with one lookup whose Scan way stopped at its budget, one page and two routes. */
function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
  return {
    options: benchOptions(["--items", "1000000"]),
    fixtures: 10_000,
    fill: { seconds: 200, requests: 40_000, written: 1_000_000 },
    lookups: [
      {
        question: "user by email",
        dal: lookupSummary(5, 1, 0.5),
        scan: { ...lookupSummary(60_400, 120, 15_000), cappedAtSeconds: 60 },
        ratio: { time: 12_080, requests: 120, readUnits: 30_000 },
      },
    ],
    pages: [{ path: "/sessions", status: 200, runs: 20, p50Ms: 40, p95Ms: 60, bytes: 64_500, htmlScriptsGzipBytes: 140_000 }],
    appNote: undefined,
    load: undefined,
    listJob: undefined,
    actions: { revoke: sample(500, { BatchWriteItem: 40 }), del: sample(400, { BatchWriteItem: 40 }), purge: sample(1000), purged: 10, steps: 1 },
    firstLoad: [
      { route: "/users", files: 10, gzipBytes: 144_000 },
      { route: "/users/act-on-list", files: 11, gzipBytes: 146_000 },
    ],
    startedAt: Date.now(),
    ...overrides,
  };
}

const row = (rows: string[][], measure: string) => {
  const found = rows.find((r) => r[0] === measure);
  assert.ok(found, `no row "${measure}" in ${JSON.stringify(rows.map((r) => r[0]))}`);
  return found;
};

describe("the bench's table", () => {
  it("prints a capped Scan way as a lower bound, and never as a miss", () => {
    const rows = tableRows(figures());
    const [, scanFigure] = row(rows, "user by email: Scan way");
    assert.match(String(scanFigure), /^not finished within 60 s: stopped after p50 60.4 s \(1 run\), 120 req, 15000 RCU read by then$/);
    const [, ratio, , verdict] = row(rows, "user by email: ratio");
    assert.equal(ratio, "time ≥ 12080x, RCU ≥ 30000x, requests ≥ 120x, capped at 60 s");
    assert.equal(verdict, "PASS");

    // A lower bound under the target proves nothing: not applicable, never a MISS.
    const low = figures();
    const [lookup] = low.lookups;
    assert.ok(lookup);
    lookup.ratio = { time: 40, requests: 2, readUnits: 50 };
    assert.equal(row(tableRows(low), "user by email: ratio")[3], "n/a");
  });

  it("gives every list page its own HTML target", () => {
    const [, figure, target, verdict] = row(tableRows(figures()), "HTML of GET /sessions (first page)");
    assert.deepEqual([figure, target, verdict], ["64.5 kB", "< 64 kB", "MISS"]);
  });

  it("prints each route's margin under 150 kB of first-load JS, and wants 5 kB of it", () => {
    const rows = tableRows(figures());
    assert.deepEqual(row(rows, "first-load JS /users").slice(1), ["144 kB gzipped (10 files), 6 kB under 150 kB", "< 150 kB, ≥ 5 kB margin", "PASS"]);
    assert.equal(row(rows, "first-load JS /users/act-on-list")[3], "MISS");
  });
});

describe("the bench's engine heap", () => {
  it("grows with the table and keeps the tests' heap for small ones", () => {
    assert.equal(engineHeapFor(10_000), 512);
    assert.ok(engineHeapFor(1_000_000) >= 2048, "a million items failed at 512 MB");
    assert.equal(benchOptions(["--items", "1000000"]).engineHeapMB, engineHeapFor(1_000_000));
  });

  it("reads sizes as megabytes or with a unit, and refuses anything else", () => {
    assert.equal(parseHeap("6g"), 6144);
    assert.equal(parseHeap("3072m"), 3072);
    assert.equal(parseHeap("3072"), 3072);
    assert.equal(benchOptions(["--engine-heap", "8G"]).engineHeapMB, 8192);
    assert.throws(() => parseHeap("lots"), /--engine-heap/);
    assert.throws(() => parseHeap("100m"), /at least 256m/);
    assert.throws(() => benchOptions(["--scan-budget-s", "0"]), /--scan-budget-s/);
  });
});

describe("the bench's memory verdict", () => {
  const mb = (rssMB: number, heapUsedMB: number) => ({ rssMB, heapUsedMB, heapTotalMB: heapUsedMB + 40, externalMB: 20 });
  const load = (rssEndMB: number, heapEndMB: number) => ({
    operators: 20,
    seconds: 60,
    requests: 2400,
    requestsPerSecond: 40,
    p50Ms: 400,
    p95Ms: 700,
    p99Ms: 900,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    byRoute: {},
    rssColdMB: 170,
    warmupSeconds: 20,
    start: mb(370, 120),
    end: { before: mb(rssEndMB + 60, heapEndMB + 200), after: mb(rssEndMB, heapEndMB) },
  });
  const memory = (figures: BenchFigures) => row(tableRows(figures), "load: server memory (RSS)");

  it("passes resident growth under 25 MB, measured after a full GC at both ends", () => {
    const [, figure, , verdict] = memory(figures({ load: load(390, 150) }));
    assert.equal(verdict, "PASS");
    assert.match(String(figure), /450 MB at end, 390 MB after a full GC \(\+20 MB\)/);
  });

  it("lets the live heap tell memory grown to fit from a leak", () => {
    const fitted = tableRows(figures({ load: load(410, 123) }));
    assert.equal(row(fitted, "load: server memory (RSS)")[3], "PASS");
    assert.match(String(row(fitted, "load: server memory (RSS)")[1]), /grown to fit/);
    assert.equal(row(fitted, "load: live JS heap after a full GC")[3], "PASS");
    const leaking = tableRows(figures({ load: load(410, 150) }));
    assert.equal(row(leaking, "load: server memory (RSS)")[3], "MISS");
    assert.equal(row(leaking, "load: live JS heap after a full GC")[3], "MISS");
    assert.match(String(row(leaking, "load: live JS heap after a full GC")[1]), /120 → 150 MB \(\+30 MB\)/);
  });
});

describe("the bench's ratios", () => {
  it("never rounds a small ratio down to 0x", () => {
    assert.equal(ratio(24_000, 8), 3000);
    assert.equal(ratio(30, 8), 3.8);
    assert.equal(ratio(3, 8), 0.4);
    assert.ok(ratio(1, 800) > 0);
  });
});

describe("the bench's activity rows", () => {
  const activity = (overrides: Partial<ActivityBenchFigures> = {}): ActivityBenchFigures => ({
    writes: 100_000,
    write: { seconds: 300, perSecond: 333 },
    consumer: { expected: 120_000, events: 120_000, seconds: 100, eventsPerSecond: 1200, figuresEvents: 120_000, requestsPerEvent: 4 },
    units: { reported: 300_000, failedConditional: 60_000, perEvent: 3, bookkeeping: 40 },
    lag: { events: 7200, missing: 0, p50Ms: 900, p95Ms: 1800, maxMs: 2500, rate: 200, seconds: 30, writes: 6000, achievedRate: 199 },
    pages: [
      { path: "/activity", status: 200, runs: 20, p50Ms: 40, p95Ms: 99, bytes: 50_000, htmlScriptsGzipBytes: 140_000 },
      { path: "/", status: 200, runs: 20, p50Ms: 40, p95Ms: 100, bytes: 50_000, htmlScriptsGzipBytes: 140_000 },
      { path: "/users/abc", status: 200, runs: 20, p50Ms: 40, p95Ms: 60, bytes: 50_000, htmlScriptsGzipBytes: 140_000 },
    ],
    ...overrides,
  });
  const verdict = (rows: string[][], measure: string) => row(rows, measure)[3];

  it("judges each of issue 21's targets, the page budgets strictly under", () => {
    const rows = tableRows(figures({ activity: activity() }));
    assert.equal(verdict(rows, "activity: 100,000 adapter writes, stream on"), "PASS");
    assert.equal(verdict(rows, "activity: consumer throughput"), "PASS");
    assert.equal(verdict(rows, "activity: lag at 200 writes/s"), "PASS");
    assert.equal(verdict(rows, "activity: write units per event"), "PASS");
    assert.equal(verdict(rows, "activity: GET /activity (first page)"), "PASS");
    assert.equal(verdict(rows, "activity: GET / (overview)"), "MISS");
    assert.equal(verdict(rows, "activity: GET /users/<id> (with its Activity section)"), "PASS");
  });

  it("misses the lag when an event never arrived, and the run when the figures fall short", () => {
    const rows = tableRows(
      figures({
        activity: activity({
          lag: { events: 7199, missing: 1, p50Ms: 900, p95Ms: 1800, maxMs: 2500, rate: 200, seconds: 30, writes: 6000, achievedRate: 199 },
          consumer: { expected: 120_000, events: 120_000, seconds: 200, eventsPerSecond: 600, figuresEvents: 119_999, requestsPerEvent: 4 },
        }),
      }),
    );
    assert.equal(verdict(rows, "activity: lag at 200 writes/s"), "MISS");
    assert.equal(verdict(rows, "activity: 100,000 adapter writes, stream on"), "MISS");
    assert.equal(verdict(rows, "activity: consumer throughput"), "MISS");
  });
});
