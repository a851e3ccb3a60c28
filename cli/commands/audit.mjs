import { parseDuration } from "../duration.mjs";
import { printJson } from "../io.mjs";
import { formatTable, time } from "../table.mjs";

/** How many pages one run reads at most (each page is bounded on the server). */
const MAX_PAGES = 20;

/** The day (UTC, YYYY-MM-DD) a cutoff falls on: the API filters by whole days. @param {number} at */
export const dayOf = (at) => new Date(at).toISOString().slice(0, 10);

/** When an entry last happened: a collapsed entry's latest repeat (`lastAt`), any other entry's own time. @param {{ at: string, lastAt?: string | null }} entry */
export const latestTime = (entry) => entry.lastAt ?? entry.at;

/**
 * A collapsed entry is keyed at the start of its hour and its repeats go on for up to an hour,
 * so the walk stops only at an entry that began this long before the cutoff: nothing after it
 * in the log can have happened since.
 */
const COLLAPSE_HOUR_MS = 3600_000;

/** @param {import("commander").Command} program @param {import("../program.mjs").Context} context */
export function register(program, context) {
  program
    .command("audit")
    .description("The audit log, newest first")
    .option("--since <duration>", "how far back: 90s, 15m, 24h, 7d, 2w", "24h")
    .option("--operator <email>", "only entries by this operator")
    .addHelpText("after", "\nExamples:\n  gatehouse audit --since 1h\n  gatehouse audit --since 7d --operator ana@ops.example --json | jq '.entries[].action'")
    .action(async (options, command) => {
      const since = parseDuration(options.since);
      const client = context.client(command);
      const cutoff = Date.now() - since;
      /** @type {any[]} */
      const entries = [];
      /** @type {string | undefined} */
      let cursor;
      let more = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.get("/api/v1/audit", { query: { from: dayOf(cutoff), operator: options.operator, cursor, limit: 100 } });
        entries.push(...answer.entries.filter((/** @type {any} */ e) => Date.parse(latestTime(e)) >= cutoff));
        cursor = answer.nextCursor ?? undefined;
        if (!cursor || answer.entries.some((/** @type {any} */ e) => Date.parse(e.at) < cutoff - COLLAPSE_HOUR_MS)) break;
        more = page === MAX_PAGES - 1;
      }
      // Pages come newest first by key; a collapsed entry moves up to its latest repeat, as on /audit (stable: ties keep the log's order).
      entries.sort((a, b) => Date.parse(latestTime(b)) - Date.parse(latestTime(a)));
      if (context.json(command)) return printJson(context.io, { entries });
      const out = context.io.stdout;
      if (entries.length === 0) return void out.write(`No audit entries in the last ${options.since}.\n`);
      out.write(
        formatTable(
          [
            { header: "AT", value: (e) => time(latestTime(e)) },
            { header: "OPERATOR", value: (e) => (e.apiKey ? `${e.operatorEmail} (key ${e.apiKey.name})` : e.operatorEmail) },
            { header: "ACTION", value: (e) => e.action },
            { header: "TARGET", value: (e) => e.target.email ?? e.target.userId ?? e.target.apiKeyName ?? e.target.entryId },
            { header: "RESULT", value: (e) => e.result },
            { header: "REASON", value: (e) => e.reason },
          ],
          entries,
        ),
      );
      if (more) out.write(`(stopped after ${MAX_PAGES} pages; narrow --since or --operator)\n`);
    });
}
