/** Reading an item's attribute values as the rows want them, whatever an older or foreign writer left there. */

export const textOrNull = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** `expires` is epoch seconds (maybe fractional) as the adapter writes it; tolerate ISO strings from older writers. */
export function epochMs(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

export function isoOrNull(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
