export type Theme = "light" | "dark" | "system";

/** The choice saved by the theme toggle; the inline ThemeScript reads the same key before first paint. */
export const THEME_KEY = "gatehouse-theme";

export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function storedTheme(): Theme {
  const stored = localStorage.getItem(THEME_KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}
