import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ActionFigures } from "./bench-actions";
import type { ActivityBenchFigures } from "./bench-activity";
import type { FirstLoadFigures } from "./bench-first-load";
import type { ListJobFigures } from "./bench-list-job";
import type { LoadFigures } from "./bench-load";
import type { LookupFigures } from "./bench-lookups";
import { round, type Sample } from "./bench-measure";
import type { BenchOptions } from "./bench-options";
import type { PageFigures } from "./bench-pages";
import { root } from "./build";

export interface BenchFigures {
  options: BenchOptions;
  fixtures: number;
  fill: { seconds: number; requests: number; written: number };
  lookups: LookupFigures;
  pages: PageFigures[];
  appNote: string | undefined;
  load: LoadFigures | undefined;
  listJob: ListJobFigures | undefined;
  /** The activity phase; absent with --activity-writes 0. */
  activity?: ActivityBenchFigures;
  actions: ActionFigures;
  firstLoad: FirstLoadFigures[];
  startedAt: number;
}

type Row = [string, string, string, string];
const RATIO_TARGET = "time and RCU >= 100x (at 100k)";
/** The first page of every list, 25 rows. */
const HTML_BUDGET = 64_000;
/** First-load JS per route, gzipped, and the room each route must leave under it. */
const JS_BUDGET = 150_000;
const JS_MARGIN = 5_000;
/** Resident memory the server may add during the measured load run, after its warm-up. */
const MEMORY_GROWTH_MB = 25;
const LIVE_HEAP_GROWTH_MB = 5;
const status = (ok: boolean) => (ok ? "PASS" : "MISS");
const batchWrites = (s: Sample) => s.byCommand.BatchWriteItem ?? 0;
const auditWrites = (s: Sample) => (s.byCommand.PutItem ?? 0) + (s.byCommand.UpdateItem ?? 0);

/** One row per figure, with its target and verdict: the table on stdout and in the JSON. */
export function tableRows(figures: BenchFigures): Row[] {
  const { lookups, pages, load, appNote, listJob, firstLoad } = figures;
  const { revoke, del, purge, purged, steps } = figures.actions;
  const rows: Row[] = [];
  for (const l of lookups) {
    // Pending sign-in tokens live in their own partition (VT#<email>): user detail is two Queries, whatever the table size.
    const expected = l.question.startsWith("user detail") ? 2 : 1;
    rows.push([
      `${l.question}: DAL`,
      `p50 ${l.dal.p50Ms} ms, p95 ${l.dal.p95Ms} ms, ${l.dal.requestsMax} req, ${l.dal.readUnitsP50} RCU`,
      expected === 1 ? "1 request" : "2 requests at any table size",
      status(l.dal.requestsMax === expected),
    ]);
    const cap = l.scan.cappedAtSeconds;
    if (cap === undefined) {
      rows.push([`${l.question}: Scan way`, `p50 ${l.scan.p50Ms} ms, p95 ${l.scan.p95Ms} ms, ${l.scan.requestsP50} req, ${l.scan.readUnitsP50} RCU`, "", ""]);
      rows.push([
        `${l.question}: ratio`,
        `time ${l.ratio.time}x, RCU ${l.ratio.readUnits}x, requests ${l.ratio.requests}x`,
        RATIO_TARGET,
        status(l.ratio.time >= 100 && l.ratio.readUnits >= 100),
      ]);
    } else {
      // Stopped at the budget: what it had read is a lower bound, so is each ratio. A lower bound
      // above the target proves it; one below proves nothing either way.
      const proven = l.ratio.time >= 100 && l.ratio.readUnits >= 100;
      rows.push([
        `${l.question}: Scan way`,
        // The page in flight at the budget is let finish (an aborted Scan keeps DynamoDB Local busy), so the time may pass it.
        `not finished within ${cap} s: stopped after p50 ${round(l.scan.p50Ms / 1000)} s (${l.scan.runs} run${l.scan.runs === 1 ? "" : "s"}), ` +
          `${l.scan.requestsP50} req, ${l.scan.readUnitsP50} RCU read by then`,
        "",
        "",
      ]);
      rows.push([
        `${l.question}: ratio`,
        `time ≥ ${l.ratio.time}x, RCU ≥ ${l.ratio.readUnits}x, requests ≥ ${l.ratio.requests}x, capped at ${cap} s`,
        RATIO_TARGET,
        proven ? "PASS" : "n/a",
      ]);
    }
  }
  for (const p of pages) {
    const path = p.path.startsWith("/users/") ? "/users/<id>" : p.path;
    rows.push([
      `GET ${path} (first page)`,
      `p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms (HTML loads ${round(p.htmlScriptsGzipBytes / 1000)} kB JS gz)`,
      "p95 < 200 ms",
      status(p.p95Ms < 200),
    ]);
    rows.push([`HTML of GET ${path} (first page)`, `${round(p.bytes / 1000)} kB`, "< 64 kB", status(p.bytes < HTML_BUDGET)]);
  }
  if (load) {
    const errors = load.non2xx + load.errors + load.timeouts;
    const byRoute = Object.entries(load.byRoute)
      .map(([r, n]) => `${r} ${n}`)
      .join(", ");
    rows.push([
      `load: ${load.operators} operators, ${load.seconds} s`,
      `${load.requestsPerSecond} req/s, ${load.requests.toLocaleString("en")} requests (${byRoute})`,
      "",
      "",
    ]);
    rows.push(["load: latency", `p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms`, "p95 < 1.5 s", status(load.p95Ms < 1500)]);
    rows.push(["load: errors", `${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`, "0", status(errors === 0)]);
    // A leak keeps what it holds through a full GC; memory that grew to fit the load does not.
    // Resident memory over its target passes only when the live heap shows it is the latter.
    const { start, end } = load;
    const growth = end.after.rssMB - start.rssMB;
    const kept = end.after.heapUsedMB - start.heapUsedMB;
    const heapHeld = kept < LIVE_HEAP_GROWTH_MB;
    const signed = (mb: number) => `${mb >= 0 ? "+" : ""}${round(mb)} MB`;
    rows.push([
      "load: server memory (RSS)",
      `${load.rssColdMB} MB idle, ${start.rssMB} MB after a ${load.warmupSeconds} s warm-up, ${end.before.rssMB} MB at end, ` +
        `${end.after.rssMB} MB after a full GC (${signed(growth)})` +
        (growth >= MEMORY_GROWTH_MB && heapHeld ? ": grown to fit, the live heap held (next row)" : ""),
      `growth < ${MEMORY_GROWTH_MB} MB, or a live heap that held`,
      status(growth < MEMORY_GROWTH_MB || heapHeld),
    ]);
    rows.push([
      "load: live JS heap after a full GC",
      `${start.heapUsedMB} → ${end.after.heapUsedMB} MB (${signed(kept)}); V8 heap reserved ${start.heapTotalMB} → ${end.before.heapTotalMB} MB, ` +
        `Buffers ${start.externalMB} → ${end.before.externalMB} MB`,
      `growth < ${LIVE_HEAP_GROWTH_MB} MB (a leak keeps growing)`,
      status(heapHeld),
    ]);
  }
  if (appNote) rows.push(["first pages over HTTP", appNote, "p95 < 200 ms", "n/a"]);
  if (listJob) {
    const j = listJob;
    rows.push([
      `list job: revoke-all, ${j.users.toLocaleString("en")} users × ${j.sessionsPerUser} sessions (API)`,
      `${round(j.totalMs / 1000)} s, ${j.steps} steps of ${j.stepSize}, ${j.perUserMs} ms/user, ${j.writeRequests.toLocaleString("en")} write req, ` +
        `${round(j.writeUnits).toLocaleString("en")} WCU (${j.writeUnitsPerSecond} WCU/s)`,
      "",
      "",
    ]);
    rows.push([
      `list job: sessions of the listed users left`,
      `${j.sessionsDeleted.toLocaleString("en")} deleted, ${j.sessionsLeft} left (dry run ${j.dryRun.ms} ms)`,
      "0 left",
      status(j.sessionsLeft === 0),
    ]);
  } else if (figures.options.listUsers > 0) rows.push(["list job", "skipped (--skip-app: it runs through the served console's API)", "", "n/a"]);
  if (figures.activity) rows.push(...activityRows(figures.activity));
  rows.push([
    "revoke all 1,000 sessions of a user",
    `${round(revoke.ms)} ms, ${batchWrites(revoke)} BatchWriteItem (+${auditWrites(revoke)} audit-log writes), ` +
      `${revoke.requests} req in all, ${round(revoke.writeUnits)} WCU`,
    "<= 40 BatchWriteItem, < 3 s",
    status(batchWrites(revoke) <= 40 && revoke.ms < 3000),
  ]);
  rows.push([
    "delete a user with 1,000 items",
    `${round(del.ms)} ms, ${batchWrites(del)} BatchWriteItem, ${del.requests} req in all, ${round(del.writeUnits)} WCU`,
    "",
    "",
  ]);
  rows.push([
    `purge ${purged.toLocaleString("en")} expired items`,
    `${round(purge.ms)} ms, ${steps} steps, ${purge.byCommand.Scan ?? 0} Scan + ${batchWrites(purge)} BatchWriteItem, ${purge.requests} req in all, ` +
      `${round(purge.readUnits)} RCU, ${round(purge.writeUnits)} WCU`,
    "",
    "",
  ]);
  for (const f of firstLoad) {
    const margin = JS_BUDGET - f.gzipBytes;
    rows.push([
      `first-load JS ${f.route}`,
      `${round(f.gzipBytes / 1000)} kB gzipped (${f.files} files), ${round(margin / 1000)} kB under 150 kB`,
      `< 150 kB, ≥ ${JS_MARGIN / 1000} kB margin`,
      status(margin >= JS_MARGIN),
    ]);
  }
  return rows;
}

/** Issue 21's targets for the activity phase. */
const ACTIVITY_EVENTS_PER_SECOND = 1000;
const ACTIVITY_LAG_P95_MS = 5000;
const ACTIVITY_UNITS_PER_EVENT = 3;
const ACTIVITY_PAGE_P95_MS = 100;

export function activityRows(a: ActivityBenchFigures): Row[] {
  const n = (value: number) => value.toLocaleString("en");
  const { consumer, units, lag } = a;
  const rows: Row[] = [
    [
      `activity: ${n(a.writes)} adapter writes, stream on`,
      `${a.write.seconds} s (${n(a.write.perSecond)} writes/s), then ${n(consumer.events)} of ${n(consumer.expected)} events stored ` +
        `(the day's figures count ${n(consumer.figuresEvents)})`,
      "every event stored",
      status(consumer.events === consumer.expected && consumer.figuresEvents === consumer.expected),
    ],
    [
      "activity: consumer throughput",
      `${n(consumer.eventsPerSecond)} events/s (${n(consumer.events)} events in ${consumer.seconds} s; ${consumer.requestsPerEvent} store requests an event)`,
      `≥ ${n(ACTIVITY_EVENTS_PER_SECOND)} events/s`,
      status(consumer.eventsPerSecond >= ACTIVITY_EVENTS_PER_SECOND),
    ],
    [
      `activity: lag at ${lag.rate} writes/s`,
      `p50 ${round(lag.p50Ms / 1000, 2)} s, p95 ${round(lag.p95Ms / 1000, 2)} s, max ${round(lag.maxMs / 1000, 2)} s ` +
        `(${n(lag.events)} events of ${n(lag.writes)} writes at ${lag.achievedRate}/s, ${lag.missing} missing)`,
      "p95 < 5 s",
      status(lag.p95Ms < ACTIVITY_LAG_P95_MS && lag.missing === 0),
    ],
    [
      "activity: write units per event",
      `${units.perEvent} WCU (${n(units.reported)} reported + ${n(units.failedConditional)} refused conditional writes at 1 each; ` +
        `checkpoints and leases ${round(units.bookkeeping)} more)`,
      `≤ ${ACTIVITY_UNITS_PER_EVENT}`,
      status(units.perEvent <= ACTIVITY_UNITS_PER_EVENT),
    ],
  ];
  const names: Record<string, string> = { "/activity": "/activity (first page)", "/": "/ (overview)" };
  for (const p of a.pages) {
    const name = names[p.path] ?? "/users/<id> (with its Activity section)";
    rows.push([`activity: GET ${name}`, `p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms`, `p95 < ${ACTIVITY_PAGE_P95_MS} ms`, status(p.p95Ms < ACTIVITY_PAGE_P95_MS)]);
    // /activity is a list page: its first page keeps to the lists' HTML budget.
    if (p.path === "/activity")
      rows.push(["activity: HTML of GET /activity (first page)", `${round(p.bytes / 1000)} kB`, "< 64 kB", status(p.bytes < HTML_BUDGET)]);
  }
  if (a.pagesNote) rows.push(["activity: pages", a.pagesNote, `p95 < ${ACTIVITY_PAGE_P95_MS} ms`, "n/a"]);
  return rows;
}

/** Prints the table and writes the same figures as JSON to `--out`. */
export function report(figures: BenchFigures) {
  const { options } = figures;
  const { revoke, del, purge, purged, steps } = figures.actions;
  const rows = tableRows(figures);
  const header: Row = ["measure", "figure", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log("");
  console.log(
    `Gatehouse benchmark: ${options.items.toLocaleString("en")} items (+${figures.fixtures.toLocaleString("en")} fixtures), ${options.runs} runs, ` +
      `DynamoDB Local in memory, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));

  const { fill } = figures;
  const result = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGB: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    items: options.items,
    fixtures: figures.fixtures,
    runs: options.runs,
    scanRuns: options.scanRuns,
    fill: { seconds: round(fill.seconds), requests: fill.requests, itemsPerSecond: Math.round(fill.written / fill.seconds) },
    lookups: figures.lookups,
    pages: figures.pages,
    load: figures.load,
    listJob: figures.listJob,
    activity: figures.activity,
    actions: {
      revokeAll: { sessions: 1000, ms: round(revoke.ms), byCommand: revoke.byCommand, writeUnits: round(revoke.writeUnits) },
      deleteUser: { items: 1000, ms: round(del.ms), byCommand: del.byCommand, writeUnits: round(del.writeUnits) },
      purgeExpired: {
        items: purged,
        steps,
        ms: round(purge.ms),
        byCommand: purge.byCommand,
        readUnits: round(purge.readUnits),
        writeUnits: round(purge.writeUnits),
      },
    },
    firstLoadJs: figures.firstLoad,
    table: rows.map(([measure, figure, target, verdict]) => ({ measure, figure, target, verdict })),
    totalSeconds: round((Date.now() - figures.startedAt) / 1000),
  };
  const out = path.resolve(root, options.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(root, out)} (${result.totalSeconds} s in all).`);
}
