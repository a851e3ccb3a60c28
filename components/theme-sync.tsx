"use client";

import { useLayoutEffect } from "react";
import { applyTheme, storedTheme } from "./theme";

/**
 * Applies the saved theme when the page was rendered in the browser instead of hydrated: Next's
 * error-fallback document (what a notFound() in a console page sends) carries no inline
 * ThemeScript, and a script React renders never runs, so dark mode would be lost there.
 */
export function ThemeSync() {
  useLayoutEffect(() => applyTheme(storedTheme()), []);
  return null;
}
