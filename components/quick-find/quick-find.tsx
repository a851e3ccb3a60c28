"use client";

import { useEffect, useState } from "react";
import { DeferredDialog, deferred, useDeferredDialog } from "@/components/ui/deferred";
import type { QuickFindResult } from "@/lib/features/quick-find/schema";

const Dialog = deferred(() => import("./quick-find-dialog"));

/** Ctrl/Cmd+K from any page, or the button in the sidebar, opens quick find. */
export function QuickFind({ find }: { find: (query: string) => Promise<QuickFindResult> }) {
  const { opening, open, show, trigger, state } = useDeferredDialog(Dialog.preload);
  // The shortcut is announced (aria-keyshortcuts) only once its listener is attached: before
  // hydration Ctrl+K is the browser's own, and saying otherwise would promise a dead key.
  const [shortcutLive, setShortcutLive] = useState(false);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        if (open) state.onOpenChange(false);
        else show(document.activeElement);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
  // Declared after the listener's effect, so it runs in the same commit, after the listener is on.
  useEffect(() => setShortcutLive(true), []);

  return (
    <>
      <button
        type="button"
        {...trigger}
        aria-keyshortcuts={shortcutLive ? "Control+K Meta+K" : undefined}
        // globals.css: a class name in every page's first-load JS instead of its utilities.
        className="quick-find"
      >
        <span className="icon icon-search" aria-hidden />
        <span className="flex-1">Quick find</span>
        <kbd className="quick-find-kbd">Ctrl K</kbd>
      </button>
      <DeferredDialog dialog={Dialog} opening={opening} props={{ find, ...state }} />
    </>
  );
}
