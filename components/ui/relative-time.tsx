"use client";

import { useEffect, useState } from "react";
import { formatRelative } from "@/lib/format/relative-time";

const REFRESH_MS = 30_000;

/** "2026-11-26 14:03:09 GMT+1" in the operator's own zone; sv-SE is the locale that writes ISO-like dates. */
const absolute = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "long" });

/**
 * A timestamp as short relative text ("in 3 h", "2 d ago").
 * The first render uses `serverNow` so server and client HTML match; the clock and the
 * absolute-time tooltip (in the operator's own zone) take over after mount.
 */
export function RelativeTime({ epochMs, serverNow, className }: { epochMs: number; serverNow: number; className?: string }) {
  const [now, setNow] = useState(serverNow);
  const [title, setTitle] = useState<string>();

  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!Number.isFinite(epochMs)) return;
    setTitle(absolute.format(epochMs));
  }, [epochMs]);

  if (!Number.isFinite(epochMs)) return <span className={className}>—</span>;
  return (
    <time dateTime={new Date(epochMs).toISOString()} title={title} className={className}>
      {formatRelative(epochMs, now)}
    </time>
  );
}
