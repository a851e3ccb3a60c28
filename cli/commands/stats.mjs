import { UsageError } from "../errors.mjs";
import { printJson } from "../io.mjs";
import { plain } from "../plain-text.mjs";
import { formatTable } from "../table.mjs";

const DAY_MS = 86_400_000;
/** The longest range the API reads at once (it shortens a longer one to this). */
export const MAX_DAYS = 366;

/**
 * @typedef {import("../api-types.generated.js").operations["getStats"]["responses"][200]["content"]["application/json"]} Stats
 * @typedef {Stats["days"][number]} Day
 */

/** A day as YYYY-MM-DD that is a real date, else bad usage. @param {string} text @param {string} option */
export function parseDay(text, option) {
  const day = String(text).trim();
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day)
    throw new UsageError(`${option} takes a day as YYYY-MM-DD (got "${text}").`);
  return day;
}

/** The day `n` days before `day`. @param {string} day @param {number} n */
const daysBefore = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/**
 * The range asked for: --from and --to as given, or --days N ending on --to (today, UTC, by
 * default); nothing given leaves the API's default, the last 30 days.
 * @param {{ from?: string, to?: string, days?: string }} options @param {number} [now]
 */
export function statsRange(options, now = Date.now()) {
  const to = options.to === undefined ? undefined : parseDay(options.to, "--to");
  let from = options.from === undefined ? undefined : parseDay(options.from, "--from");
  if (options.days !== undefined) {
    if (from !== undefined) throw new UsageError("Give --from or --days, not both.");
    const days = Number(options.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      throw new UsageError(`--days takes a whole number from 1 to ${MAX_DAYS} (got "${options.days}").`);
    from = daysBefore(to ?? new Date(now).toISOString().slice(0, 10), days - 1);
  }
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from (${from}) is after --to (${to}).`);
  return { from, to };
}

/** @param {Day} d @param {string} name */
const figure = (d, name) => d.figures[name] ?? 0;

/** The table's columns: the figure each shows (DAU has no total: a user active on two days is one user). */
const COLUMNS = /** @type {const} */ ([
  ["SIGN-UPS", "signUps"],
  ["SIGN-INS", "signIns"],
  ["DAU", "dau"],
  ["LINKS REQ", "linksRequested"],
  ["LINKS USED", "linksUsed"],
  ["SESSIONS", "sessionsCreated"],
]);

/** The figures as text: a row a day, the totals, each month's MAU, sign-ins by provider. @param {Stats} stats */
export function statsText(stats) {
  /** @type {Record<string, number>} */
  const totals = {};
  for (const d of stats.days) for (const [name, value] of Object.entries(d.figures)) totals[name] = (totals[name] ?? 0) + value;
  const rows = [
    ...stats.days.map((d) => ({ day: d.day, value: (/** @type {string} */ name) => figure(d, name) })),
    {
      day: "TOTAL",
      value: (/** @type {string} */ name) => (name === "dau" ? null : (totals[name] ?? 0)),
    },
  ];
  let text = formatTable(
    [{ header: "DAY", value: (r) => r.day }, ...COLUMNS.map(([header, name]) => ({ header, value: (/** @type {any} */ r) => r.value(name) }))],
    rows,
  );
  text += `\n${formatTable(
    [
      { header: "MONTH", value: (m) => m.month },
      { header: "MAU", value: (m) => m.mau },
    ],
    stats.months.length ? stats.months : [{ month: stats.to.slice(0, 7), mau: 0 }],
  )}`;
  if (stats.providers.length) {
    text += `\n${formatTable(
      [
        { header: "PROVIDER", value: (p) => p },
        { header: "SIGN-INS", value: (p) => totals[`signIns:${p}`] ?? 0 },
      ],
      stats.providers,
    )}`;
  } else {
    text += "\nNo sign-ins by provider in this range.\n";
  }
  return text;
}

/** @param {import("commander").Command} program @param {import("../program.mjs").Context} context */
export function register(program, context) {
  program
    .command("stats")
    .description("Daily activity figures: sign-ups, sign-ins, active users, magic links, sessions; totals, MAU, sign-ins by provider")
    .option("--from <day>", "the first day, YYYY-MM-DD (UTC)")
    .option("--to <day>", "the last day, YYYY-MM-DD (default: today)")
    .option("--days <n>", `the last n days up to --to (1 to ${MAX_DAYS}; default 30)`)
    .addHelpText(
      "after",
      `
Days are UTC. A range longer than ${MAX_DAYS} days is shortened by the API to the ${MAX_DAYS} days before --to.

Examples:
  gatehouse stats
  gatehouse stats --days 7
  gatehouse stats --from 2026-11-01 --to 2026-11-30
  gatehouse stats --days 90 --json | jq -r '.days[] | "\\(.day) \\(.figures.signIns // 0)"'`,
    )
    .action(async (options, command) => {
      const range = statsRange(options);
      const stats = await context.client(command).get("/api/v1/stats", { query: range });
      if (context.json(command)) return printJson(context.io, stats);
      context.io.stdout.write(`Activity from ${plain(stats.from)} to ${plain(stats.to)} (UTC)\n\n${statsText(stats)}`);
    });
}
