/**
 * Joins class names, leaving out the ones a condition turned off. Every caller passes strings
 * (no objects or arrays), so this is all of clsx we need, and it keeps clsx's bytes out of every
 * page. It does not resolve Tailwind conflicts either (that would ship tailwind-merge to every
 * page): components offer variants instead of accepting conflicting overrides.
 */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
