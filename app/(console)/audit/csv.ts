import { type AuditEntry, latestTime } from "@/lib/audit/entry";

export const CSV_COLUMNS = [
  "time",
  "operator",
  "role",
  "action",
  "result",
  "userId",
  "email",
  "provider",
  "providerAccountId",
  "fingerprints",
  "reason",
  "counts",
  "message",
  "requestId",
  "ip",
  "userAgent",
] as const;

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (=, +, -, @, and the tab and
 * carriage return some of them also accept) gets a leading apostrophe, so an email or user
 * agent chosen by an attacker stays text when the export is opened.
 */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

export function auditCsvRow(entry: AuditEntry): string {
  const { target } = entry;
  return csvRow([
    // The time the export is ordered by: a collapsed entry's latest repeat.
    latestTime(entry),
    entry.operatorEmail,
    entry.operatorRole,
    entry.action,
    entry.result,
    target.userId,
    target.email,
    target.provider,
    target.providerAccountId,
    (target.fingerprints ?? []).join(" "),
    entry.reason,
    Object.entries(entry.counts)
      .map(([key, value]) => `${key}=${value}`)
      .join(";"),
    entry.message,
    entry.requestId,
    entry.ip,
    entry.userAgent,
  ]);
}

/** Header and rows, CRLF-separated as RFC 4180 asks, ending with a line break. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return `${[csvRow(CSV_COLUMNS), ...entries.map(auditCsvRow)].join("\r\n")}\r\n`;
}
