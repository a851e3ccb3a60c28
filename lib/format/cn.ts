import { type ClassValue, clsx } from "clsx";

/**
 * Joins class names. It does not resolve Tailwind conflicts (that would ship tailwind-merge to
 * every page): components offer variants instead of accepting conflicting overrides.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}
