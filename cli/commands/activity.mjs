import { Option } from "commander";
import { parseDuration } from "../duration.mjs";
import { ApiProblem, UsageError } from "../errors.mjs";
import { printJson, sleep } from "../io.mjs";
import { transient } from "../jobs.mjs";
import { plain } from "../plain-text.mjs";
import { cell, formatTable, time } from "../table.mjs";
import { dayOf } from "./audit.mjs";

/**
 * The event types the API filters by (its OpenAPI enum; a test holds the two equal).
 * @type {readonly NonNullable<NonNullable<import("../api-types.generated.js").operations["listActivity"]["parameters"]["query"]>["type"]>[]}
 */
export const ACTIVITY_TYPES = [
  "sign-up",
  "email-verified",
  "email-changed",
  "user-deleted",
  "account-linked",
  "account-unlinked",
  "session-created",
  "session-ended",
  "session-expired",
  "link-requested",
  "link-used",
  "link-expired",
  "sign-in",
  "user-blocked",
  "user-unblocked",
];

/** Events a page (the API's most); how many pages one listing reads at most. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** What --follow shows before it waits for new events, as tail does. */
export const FOLLOW_BACKLOG = 10;
/** Between polls; GATEHOUSE_FOLLOW_INTERVAL_MS changes it (tests poll faster). */
export const FOLLOW_INTERVAL_MS = 2000;
/** Pages one poll reads at most while every event on them is new (a burst); then it says some were skipped. */
const MAX_FOLLOW_PAGES = 5;
/** The longest wait after failed polls (each failure doubles the interval). */
const MAX_BACKOFF_MS = 30_000;
/**
 * Polls read from the newest event's day, but never from a day this close to now: an event
 * stamped ahead of the console's clock, or this machine's clock ahead of it, must not ask for a
 * day the console has not reached (a 400).
 */
const CLOCK_SLACK_MS = 10 * 60_000;

/**
 * @typedef {import("../api-types.generated.js").operations["listActivity"]["responses"][200]["content"]["application/json"]["events"][number]} ActivityEvent
 * @typedef {Pick<NonNullable<import("../api-types.generated.js").operations["listActivity"]["parameters"]["query"]>, "type" | "provider" | "user" | "email">} Filters
 */

/** Who an event is about: an address (a changed one as old → new), else the user's id. @param {ActivityEvent} e */
const who = (e) => (e.previousEmail && e.email ? `${e.previousEmail} → ${e.email}` : (e.email ?? e.identifier ?? e.userId));
/** The account an event names: its provider and the id there. @param {ActivityEvent} e */
const account = (e) => (e.provider && e.providerAccountId ? `${e.provider} ${e.providerAccountId}` : e.provider);
/** @param {ActivityEvent} e */
const actor = (e) => (e.auditId ? `${e.by} (audit ${e.auditId})` : e.by);

/** @type {import("../table.mjs").Column[]} */
export const COLUMNS = [
  { header: "AT", value: (e) => time(e.at) },
  { header: "EVENT", value: (e) => e.type },
  { header: "USER/ADDRESS", value: who },
  { header: "PROVIDER/ACCOUNT", value: account },
  { header: "BY", value: actor },
];
/** --follow cannot measure its rows before printing them: fixed widths (AT's is exact, EVENT's the longest type). */
const FOLLOW_WIDTHS = [20, 16, 32, 24];

/** One --follow row, in the widths above; every cell made plain. @param {readonly unknown[]} values */
function followLine(values) {
  return `${values
    .map((value, i) => {
      const text = cell(value);
      return i < FOLLOW_WIDTHS.length ? text.padEnd(FOLLOW_WIDTHS[i]) : text;
    })
    .join("  ")
    .trimEnd()}\n`;
}

/** @param {import("commander").Command} program @param {import("../program.mjs").Context} context */
export function register(program, context) {
  program
    .command("activity")
    .description("Product activity (sign-ups, sign-ins, sessions, magic links, accounts, blocks), newest first; --follow to tail it")
    .option("--since <duration>", "how far back: 90s, 15m, 24h, 7d, 2w", "24h")
    .addOption(new Option("--type <type>", "only events of this type").choices(ACTIVITY_TYPES))
    .option("--user <id>", "only this user's events (a user id; for an address use --email)")
    .option("--email <address>", "only this address's events: its magic links, and its user's")
    .option("--provider <id>", "only events of this provider, e.g. github")
    .option("-f, --follow", `keep printing new events as they come (every ${FOLLOW_INTERVAL_MS / 1000} s) until Ctrl-C`)
    .addHelpText(
      "after",
      `
--follow first prints the newest ${FOLLOW_BACKLOG} events of --since, oldest first, then each new one as it
is stored; with --json, one JSON object a line. A lost connection is retried (a warning on stderr).
Ctrl-C or SIGTERM ends it with exit 0.

Examples:
  gatehouse activity --since 1h
  gatehouse activity --user 7d2c...-id --since 7d
  gatehouse activity --type sign-in --provider github --json | jq -r '.events[].email'
  gatehouse activity --follow
  gatehouse activity --follow --type session-created --json | jq -c .`,
    )
    .action(async (options, command) => {
      const since = parseDuration(options.since);
      if (options.user?.includes("@")) throw new UsageError(`--user takes a user id; for an address use --email ${options.user}.`);
      /** @type {Filters} */
      const filters = { type: options.type, provider: options.provider, user: options.user?.trim(), email: options.email?.trim() };
      const client = context.client(command);
      const json = context.json(command);
      if (options.follow) return follow(context.io, client, filters, since, json);
      const cutoff = Date.now() - since;
      const { events, more } = await listSince(client, filters, cutoff);
      if (json) return printJson(context.io, { events });
      const out = context.io.stdout;
      if (events.length === 0) return void out.write(`No activity in the last ${options.since}${filtered(filters) ? " that matches" : ""}.\n`);
      out.write(formatTable(COLUMNS, events));
      if (more) out.write(`(stopped after ${MAX_PAGES} pages; narrow --since or filter by --type, --user, --email or --provider)\n`);
    });
}

/** @param {Filters} filters */
const filtered = (filters) => Object.values(filters).some((value) => value !== undefined && value !== "");

/**
 * Every event since `cutoff`, newest first: pages from the cutoff's day until one reaches past it.
 * @param {import("../client.mjs").ApiClient} client @param {Filters} filters @param {number} cutoff
 */
async function listSince(client, filters, cutoff) {
  /** @type {ActivityEvent[]} */
  const events = [];
  /** @type {string | undefined} */
  let cursor;
  let more = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.get("/api/v1/activity", { query: { ...filters, from: dayOf(cutoff), cursor, limit: PAGE_SIZE } });
    events.push(...answer.events.filter((e) => Date.parse(e.at) >= cutoff));
    cursor = answer.nextCursor ?? undefined;
    if (!cursor || answer.events.some((e) => Date.parse(e.at) < cutoff)) break;
    more = page === MAX_PAGES - 1;
  }
  return { events, more };
}

/**
 * Tails the feed: the newest FOLLOW_BACKLOG events since the cutoff, oldest first, then every
 * interval the feed's head again, printing the events not printed before (by id) in time order.
 * The feed is newest first, so a poll reads on only while a whole page is new (a burst). Polls
 * read from the newest event's day; events older than that day, or than the oldest on a full
 * first page, are history, not news (one stored that late is not printed): the ids kept stop there.
 * A network error, 429 or 5xx is a one-line warning and a longer wait; any other problem ends it (exit 1).
 * @param {import("../io.mjs").Io} io @param {import("../client.mjs").ApiClient} client
 * @param {Filters} filters @param {number} since @param {boolean} json
 */
async function follow(io, client, filters, since, json) {
  const interval = followInterval(io.env);
  const cutoff = Date.now() - since;
  const stop = new AbortController();
  client.signal = stop.signal;
  const stopListening = (io.onStop ?? io.onInterrupt)?.(() => stop.abort()) ?? (() => {});
  /** Printed (or passed over at the start) events: id → time (ms). */
  const seen = new Map();
  /** Events before this time (ms) are not news: the oldest on a full first page, or the start of the day polls read from. */
  let horizon = Number.NEGATIVE_INFINITY;
  let newest = cutoff;
  /** @param {ActivityEvent} e */
  const print = (e) => io.stdout.write(json ? `${JSON.stringify(e)}\n` : followLine(COLUMNS.map((c) => c.value(e))));

  /**
   * The feed's head since the newest event's day: the events not seen, oldest first, and the
   * time before which events are history from now on.
   * @param {number} maxPages
   */
  const poll = async (maxPages) => {
    const from = dayOf(Math.min(newest, Date.now() - CLOCK_SLACK_MS));
    /** @type {ActivityEvent[]} */
    const fresh = [];
    /** @type {number | null} */
    let floor = null;
    /** @type {string | undefined} */
    let cursor;
    let reachedSeen = false;
    for (let page = 0; page < maxPages; page++) {
      const answer = await client.get("/api/v1/activity", { query: { ...filters, from, cursor, limit: PAGE_SIZE } });
      for (const e of answer.events) {
        if (seen.has(e.id) || Date.parse(e.at) < horizon) reachedSeen = true;
        else fresh.push(e);
      }
      cursor = answer.nextCursor ?? undefined;
      if (page === 0 && cursor && answer.events.length === PAGE_SIZE) floor = Math.min(...answer.events.map((e) => Date.parse(e.at)));
      if (reachedSeen || !cursor) break;
    }
    // Events from before the day read are never answered again: their ids need not be kept.
    return { fresh: fresh.reverse(), floor: Math.max(floor ?? 0, Date.parse(`${from}T00:00:00Z`)), skipped: Boolean(cursor) && !reachedSeen };
  };
  /** @param {ActivityEvent[]} events @param {number} floor */
  const remember = (events, floor) => {
    for (const e of events) {
      const at = Date.parse(e.at);
      seen.set(e.id, at);
      if (at > newest) newest = at;
    }
    horizon = Math.max(horizon, floor);
    for (const [id, at] of seen) if (at < horizon) seen.delete(id);
  };

  try {
    const start = await poll(1);
    remember(start.fresh, start.floor);
    if (!json) io.stdout.write(followLine(COLUMNS.map((c) => c.header)));
    for (const e of start.fresh.filter((e) => Date.parse(e.at) >= cutoff).slice(-FOLLOW_BACKLOG)) print(e);
    let failures = 0;
    let wait = interval;
    while (!stop.signal.aborted) {
      await sleep(io, wait, stop.signal);
      if (stop.signal.aborted) break;
      try {
        const { fresh, floor, skipped } = await poll(MAX_FOLLOW_PAGES);
        if (failures > 0) io.stderr.write("gatehouse: reconnected.\n");
        if (skipped) io.stderr.write(`gatehouse: more than ${MAX_FOLLOW_PAGES * PAGE_SIZE} events since the last poll; printed the newest.\n`);
        for (const e of fresh) print(e);
        remember(fresh, floor);
        failures = 0;
        wait = interval;
      } catch (error) {
        if (stop.signal.aborted) break;
        if (!transient(error)) throw error;
        const problem = /** @type {ApiProblem} */ (error);
        failures++;
        wait = Math.max(Math.min(interval * 2 ** failures, Math.max(MAX_BACKOFF_MS, interval)), (problem.problem.retryAfterSeconds ?? 0) * 1000);
        io.stderr.write(`gatehouse: ${plain(problem.message)}; retrying in ${Math.ceil(wait / 1000)} s.\n`);
      }
    }
  } catch (error) {
    // Stopped while the first read was in flight: a clean stop too.
    if (!(stop.signal.aborted && error instanceof ApiProblem && error.problem.status === 0)) throw error;
  } finally {
    stopListening();
    client.signal = undefined;
  }
}

/** The poll interval: GATEHOUSE_FOLLOW_INTERVAL_MS (milliseconds), else 2 s. @param {Record<string, string | undefined>} env */
export function followInterval(env) {
  const text = env.GATEHOUSE_FOLLOW_INTERVAL_MS;
  if (text === undefined || text === "") return FOLLOW_INTERVAL_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 10) throw new UsageError(`GATEHOUSE_FOLLOW_INTERVAL_MS takes milliseconds, 10 or more (got "${text}").`);
  return ms;
}
