import { UsageError } from "./errors.mjs";

const UNITS = /** @type {const} */ ({ s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 });

/**
 * "90s", "15m", "24h", "7d", "2w" as milliseconds; anything else is a usage error.
 * @param {string} text @param {string} [option]
 */
export function parseDuration(text, option = "--since") {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/i.exec(String(text));
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) throw new UsageError(`${option} takes a duration like 90s, 15m, 24h, 7d or 2w (got "${text}").`);
  return amount * UNITS[/** @type {keyof typeof UNITS} */ (match[2].toLowerCase())];
}
