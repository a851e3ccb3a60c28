import { plain } from "./plain-text.mjs";
import { duration } from "./progress.mjs";
import { formatFields, formatTable } from "./table.mjs";

/** How many entries a listing shows before "and N more". */
export const LISTED = 50;

/** @param {number} count @param {string} one @param {string} [many] */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Up to LISTED entries, two spaces in, then "and N more". @param {string} heading @param {readonly string[]} entries */
function listing(heading, entries) {
  if (entries.length === 0) return "";
  const lines = entries.slice(0, LISTED).map((entry) => `  ${plain(entry)}\n`);
  if (entries.length > LISTED) lines.push(`  and ${entries.length - LISTED} more\n`);
  return `${heading} (${entries.length}):\n${lines.join("")}`;
}

/**
 * A dry run's preview as the console shows it: its lines (found, not found, already blocked,
 * ignored) and what the action does, what this CLI dropped before sending, then the entries not
 * found and the users already blocked.
 * @param {any} preview @param {{ blank: number, duplicate: number }} ignoredHere
 */
export function previewReport(preview, ignoredHere) {
  const lines = (
    preview.lines?.length
      ? [...preview.lines, ...(preview.description ? [preview.description] : [])]
      : [preview.summary ?? `${preview.found ?? 0} found of ${plural(preview.total ?? 0, "entry", "entries")}`]
  ).map(plain);
  const { blank, duplicate } = ignoredHere;
  if (blank || duplicate) lines.push(`Left out of the list sent: ${plural(blank, "blank line")}, ${plural(duplicate, "duplicate")}`);
  return [
    lines.map((line) => `${line}\n`).join(""),
    listing("Not found", preview.notFound ?? []),
    listing("Already blocked", preview.alreadyBlocked ?? []),
  ].join("");
}

/** What a finished (or stopped) job did, as label/value lines. @param {any} job */
export function summaryReport(job) {
  const counts = job.counts ?? {};
  return `${job.message ? `${plain(job.message)}\n` : ""}${formatFields([
    ["ok", counts.ok ?? 0],
    ["partial", counts.partial ?? 0],
    ["failed", counts.failed ?? 0],
    ["not found", counts.notFound ?? 0],
    ["total", job.total],
    ["time", duration(job.elapsedMs ?? 0)],
    ["write units", `${job.writeUnits ?? 0} (${plural(job.writeRequests ?? 0, "request")})`],
    ["audit", job.auditIncomplete ? `${job.auditId} (its batch entry could not be completed)` : job.auditId],
  ])}`;
}

/** The rows that did not end ok, up to LISTED of them, as a table. @param {readonly any[]} rows */
export function notOkReport(rows) {
  if (rows.length === 0) return "";
  const table = formatTable(
    [
      { header: "ENTRY", value: (row) => row.entry },
      { header: "OUTCOME", value: (row) => row.outcome },
      { header: "USER", value: (row) => row.userId },
      { header: "MESSAGE", value: (row) => row.message },
    ],
    rows.slice(0, LISTED),
  );
  const more = rows.length > LISTED ? `and ${rows.length - LISTED} more (--json lists every row)\n` : "";
  return `\nNot ok (${rows.length}):\n${table}${more}`;
}
