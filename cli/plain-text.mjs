/**
 * Text from the server (names, emails, audit reasons, messages, problems) printed for a person.
 * A stored address like `eve\x1b[8m@evil.test` would otherwise conceal every row after it, retitle
 * the window or move the cursor over earlier output, so escape sequences go whole (CSI, OSC, DCS,
 * SOS, PM, APC, 7- and 8-bit), and every C0 and C1 control left after them: line breaks and tabs
 * become a space, the rest nothing. `--json` output never passes through here: it stays exact.
 */

// ESC [ or 8-bit CSI: parameters, intermediates, a final byte (missing when the text ends early).
const CSI = String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`;
// OSC, DCS, SOS, PM, APC: everything up to BEL, ST (ESC \ or U+009C), or the end of the text.
const STRING = String.raw`(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)`;
// Any other escape: intermediates, then one final byte.
const OTHER = String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`;
const SEQUENCE = new RegExp(`${CSI}|${STRING}|${OTHER}`, "g");
const BREAK = /[\t\n\v\f\r\x85]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: it strips control characters before text reaches a terminal
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;

/** One line of untrusted text, safe for a terminal. @param {unknown} value @returns {string} */
export function plain(value) {
  return String(value).replace(SEQUENCE, "").replace(BREAK, " ").replace(CONTROL, "");
}

/** Like plain, line by line: for messages whose own line breaks are kept. @param {string} text */
export function plainLines(text) {
  return text.split("\n").map(plain).join("\n");
}
