"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "@/lib/format/cn";
import { applyTheme, storedTheme, THEME_KEY, type Theme } from "./theme";

const themes = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/**
 * The theme choice inside the operator menu: menu radio items (a plain radiogroup is not allowed
 * in a menu), which keep the menu open when chosen.
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => setTheme(storedTheme()), []);

  function choose(next: Theme) {
    setTheme(next);
    if (next === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
  }

  return (
    <DropdownMenu.RadioGroup
      aria-label="Theme"
      value={theme}
      onValueChange={(value) => choose(value as Theme)}
      className="inline-flex rounded-md border border-border p-0.5"
    >
      {themes.map(({ value, label, Icon }) => (
        <DropdownMenu.RadioItem
          key={value}
          value={value}
          title={label}
          onSelect={(event) => event.preventDefault()}
          className={cn(
            "cursor-default rounded px-1.5 py-1 outline-none data-[highlighted]:ring-2 data-[highlighted]:ring-accent",
            theme === value ? "bg-muted text-fg" : "text-fg-muted hover:text-fg",
          )}
        >
          <Icon className="size-3.5" aria-hidden />
          <span className="sr-only">{label}</span>
        </DropdownMenu.RadioItem>
      ))}
    </DropdownMenu.RadioGroup>
  );
}
