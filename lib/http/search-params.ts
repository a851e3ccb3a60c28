import { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

/** One value of a query-string parameter; repeated parameters and absurd lengths are ignored. */
export function param(params: SearchParams, name: string, maxLength = 1024): string | undefined {
  const value = params[name];
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) return undefined;
  return value;
}

export const searchTextSchema = z.string().trim().max(200, "Search text is limited to 200 characters.");

/** Ids in URLs: the adapter's are UUIDs, but any printable string up to 200 characters is accepted. */
export function isPlausibleId(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  return value.length > 0 && value.length <= 200 && !/[\u0000-\u001f\u007f]/.test(value);
}

// Zod-free, for client components: see href.ts.
export { hrefWith } from "./href";
