"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/** How often the feed asks for what is new. Each refresh is one server render: the feed's first page and the figures. */
export const REFRESH_SECONDS = 5;

/**
 * Keeps the feed's first page live: every few seconds, while the tab is visible and the operator
 * has not paused it, the page is rendered again on the server (router.refresh keeps scroll, focus
 * and form state). The time of the last refresh is announced politely, only when asked.
 */
export function LiveRefresh({ renderedAt }: { renderedAt: number }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (paused) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, REFRESH_SECONDS * 1000);
    return () => window.clearInterval(timer);
  }, [paused, router]);

  const time = new Date(renderedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="inline-flex items-center gap-1.5 text-fg-muted" data-testid="live-state">
        <span className={paused ? "size-2 rounded-full bg-fg-muted" : "size-2 rounded-full bg-success"} aria-hidden />
        {paused ? "Paused" : "Live"}
        <span className="sr-only">, </span>
        <span>
          updated <time dateTime={new Date(renderedAt).toISOString()}>{time}</time>
          {pending ? "…" : ""}
        </span>
      </span>
      <button type="button" className="btn btn-secondary btn-sm" aria-pressed={paused} onClick={() => setPaused((value) => !value)}>
        <span className={`icon ${paused ? "icon-play" : "icon-pause"}`} aria-hidden />
        {paused ? "Resume" : "Pause"}
      </button>
    </div>
  );
}
