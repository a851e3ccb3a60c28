import { type ActivityFilters, activityFilterSchema } from "@/lib/features/activity/schema";

/** The feed's form fields; `who` is a user id or an email, read as the one or the other. */
export const FILTER_FIELDS = ["type", "provider", "who", "from", "to"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type RawActivityFilters = Partial<Record<FilterField, string>>;

export function rawActivityFilters(source: Record<string, string | string[] | undefined>): RawActivityFilters {
  const raw: RawActivityFilters = {};
  for (const field of FILTER_FIELDS) {
    const value = source[field];
    // Too-long values are kept so the schema refuses them out loud instead of dropping them quietly.
    if (typeof value === "string" && value.trim() !== "") raw[field] = value.slice(0, 4096);
  }
  return raw;
}

export type ParsedActivityFilters =
  | { success: true; filters: ActivityFilters; query: Record<FilterField, string | undefined>; active: boolean }
  | { success: false; problems: string[]; fields: FilterField[] };

const MESSAGES: Record<FilterField, (raw: RawActivityFilters) => string> = {
  type: (raw) => `“${raw.type}” is not an event type; pick one from the list.`,
  provider: () => "A provider is its id, such as github: letters, digits, dots, dashes and underscores.",
  who: () => "Give a user's id (up to 200 characters) or an email address.",
  from: (raw) => `The start date “${raw.from}” is not a real date as YYYY-MM-DD.`,
  to: (raw) => `The end date “${raw.to}” is not a real date as YYYY-MM-DD.`,
};

export function parseActivityFilters(raw: RawActivityFilters): ParsedActivityFilters {
  const who = raw.who?.trim();
  const input = { type: raw.type, provider: raw.provider, from: raw.from, to: raw.to, ...(who ? (who.includes("@") ? { email: who } : { user: who }) : {}) };
  const parsed = activityFilterSchema.safeParse(input);
  if (!parsed.success) {
    const problems: string[] = [];
    const fields: FilterField[] = [];
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = (key === "user" || key === "email" ? "who" : key) as FilterField;
      if (!FILTER_FIELDS.includes(field)) continue;
      fields.push(field);
      // The schema's cross-field message is a full sentence; its per-field ones are fragments.
      problems.push(issue.code === "custom" && /^[A-Z]/.test(issue.message) ? issue.message : MESSAGES[field](raw));
    }
    return { success: false, problems: [...new Set(problems)], fields: [...new Set(fields)] };
  }
  const filters = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)) as ActivityFilters;
  const query = { type: filters.type, provider: filters.provider, who: filters.user ?? filters.email, from: filters.from, to: filters.to };
  return { success: true, filters, query, active: Object.values(query).some(Boolean) };
}
