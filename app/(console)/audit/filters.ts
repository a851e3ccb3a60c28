import { type AuditFilters, auditFilterSchema } from "@/lib/features/audit/schema";

export const FILTER_FIELDS = ["operator", "action", "target", "from", "to"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The filters as typed, for the form to show back; repeated parameters are ignored. */
export type RawAuditFilters = Partial<Record<FilterField, string>>;

type ParamSource = Record<string, string | string[] | undefined> | URLSearchParams;

export function rawAuditFilters(source: ParamSource): RawAuditFilters {
  const raw: RawAuditFilters = {};
  for (const field of FILTER_FIELDS) {
    const value = source instanceof URLSearchParams ? (source.getAll(field).length === 1 ? source.get(field) : null) : source[field];
    // Too-long values are kept so the schema refuses them out loud instead of dropping them quietly.
    if (typeof value === "string" && value.trim() !== "") raw[field] = value.slice(0, 4096);
  }
  return raw;
}

export type ParsedAuditFilters =
  | { success: true; filters: AuditFilters; query: Record<FilterField, string | undefined>; active: boolean }
  | { success: false; problems: string[]; fields: FilterField[] };

const dateLabel = { from: "start", to: "end" } as const;

export function parseAuditFilters(raw: RawAuditFilters): ParsedAuditFilters {
  const parsed = auditFilterSchema.safeParse(raw);
  const problems: string[] = [];
  const fields: FilterField[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (!FILTER_FIELDS.includes(field as FilterField)) {
        problems.push(issue.message);
        continue;
      }
      fields.push(field as FilterField);
      if (field === "action") problems.push(`“${raw.action}” is not an action the audit log records; pick one from the list.`);
      else if (field === "operator") problems.push("The operator email is limited to 254 characters.");
      else if (field === "target") problems.push("The target text is limited to 200 characters.");
      // The schema's cross-field message is a full sentence; its per-field ones are fragments.
      else if (issue.code === "custom" && /^[A-Z]/.test(issue.message)) problems.push(issue.message);
      else problems.push(`The ${dateLabel[field as "from" | "to"]} date “${raw[field as "from" | "to"]}” is not a real date as YYYY-MM-DD.`);
    }
  }
  if (!parsed.success || problems.length) return { success: false, problems: [...new Set(problems)], fields: [...new Set(fields)] };

  const filters: AuditFilters = {};
  for (const field of FILTER_FIELDS) {
    const value = parsed.data[field];
    if (value) (filters as Record<string, string>)[field] = value;
  }
  const query = Object.fromEntries(FILTER_FIELDS.map((field) => [field, filters[field]])) as Record<FilterField, string | undefined>;
  return { success: true, filters, query, active: Object.keys(filters).length > 0 };
}

const DAY_MS = 24 * 3600_000;

/** How many days the filters ask for (the DAL reads at most 366 of them, newest first). */
export function requestedDays(filters: AuditFilters, now = Date.now()): number {
  const to = filters.to ? Date.parse(filters.to) : Date.parse(new Date(now).toISOString().slice(0, 10));
  const from = filters.from ? Date.parse(filters.from) : to - 29 * DAY_MS;
  return Math.max(0, Math.floor((to - from) / DAY_MS) + 1);
}
