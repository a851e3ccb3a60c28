import { formatCount } from "./format";

/**
 * "1 user", "1,204 users": a count and its noun, grouped as every count in the console is. Irregular nouns name their
 * plural form: plural(n, "entry", "entries").
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
