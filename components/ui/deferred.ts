import { lazy, type ComponentType } from "react";

/**
 * A component whose code is fetched on first use, or earlier through `preload` (on hover or
 * focus of what opens it), so menus and dialogs stay out of every page's first-load JavaScript.
 */
export function deferred<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () => (loading ??= load());
  return { Component: lazy(preload), preload: () => void preload() };
}
