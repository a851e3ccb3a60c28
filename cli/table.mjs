import { plain } from "./plain-text.mjs";

/**
 * @typedef {{ header: string, value: (row: any) => unknown }} Column
 */

/** A cell as text: dashes for nothing, ISO times for dates, one line without controls always. @param {unknown} value @returns {string} */
export function cell(value) {
  if (value === null || value === undefined || value === "") return "-";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.map(cell).join(", ") : "-";
  return plain(value);
}

/** Epoch milliseconds (or an ISO string) as `YYYY-MM-DD HH:MM:SSZ`; "-" for null. @param {number | string | null | undefined} at */
export function time(at) {
  if (at === null || at === undefined) return "-";
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? plain(at)
    : date
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d{3}Z$/, "Z");
}

/**
 * Rows under headers, columns padded to their widest cell, two spaces apart.
 * @param {Column[]} columns @param {readonly any[]} rows
 */
export function formatTable(columns, rows) {
  const cells = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return `${cells
    .map((line) =>
      line
        .map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

/** Label/value pairs, one a line, labels aligned. @param {[string, unknown][]} pairs */
export function formatFields(pairs) {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return `${pairs.map(([label, value]) => `${label.padEnd(width)}  ${cell(value)}`).join("\n")}\n`;
}
