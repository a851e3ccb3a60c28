import { readFile } from "node:fs/promises";
import { UsageError } from "./errors.mjs";

/** The most entries one list job takes (the API's limit). */
export const MAX_ENTRIES = 10_000;

/**
 * A list's lines, trimmed, without blanks and exact duplicates (the server drops the same and
 * more), with how many of each were dropped.
 * @param {string} text
 */
export function parseEntries(text) {
  const entries = new Set();
  let blank = 0;
  let duplicate = 0;
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry) blank++;
    else if (entries.has(entry)) duplicate++;
    else entries.add(entry);
  }
  if (text.endsWith("\n")) blank--;
  return { entries: [...entries], ignored: { blank, duplicate } };
}

/**
 * `--from`: one email or user id a line, from a file or (`-`) stdin; empty or over 10,000 is bad usage.
 * @param {import("./io.mjs").Io} io @param {string} from
 */
export async function readEntries(io, from) {
  let text;
  if (from === "-") {
    const chunks = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    text = Buffer.concat(chunks).toString("utf8");
  } else {
    try {
      text = await readFile(from, "utf8");
    } catch (error) {
      throw new UsageError(`--from: cannot read ${from} (${/** @type {NodeJS.ErrnoException} */ (error).code ?? String(error)}).`);
    }
  }
  const list = parseEntries(text);
  const name = from === "-" ? "stdin" : from;
  if (list.entries.length === 0) throw new UsageError(`--from: ${name} has no entries (one email or user id a line).`);
  if (list.entries.length > MAX_ENTRIES)
    throw new UsageError(`--from: ${name} has ${list.entries.length} entries; a job takes at most ${MAX_ENTRIES}. Split the list.`);
  return list;
}
