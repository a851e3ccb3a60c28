"use client";

import { Button } from "@/components/ui/button";

/**
 * A labelled progress bar with its text said politely to screen readers, and the Stop that
 * ends a stepped run after the step in flight (nothing is cut off half-way).
 */
export function ProgressBar({
  label,
  value,
  max,
  text,
  onStop,
  stopping,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
  onStop?: () => void;
  stopping?: boolean;
}) {
  const percent = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm tabular-nums" aria-live="polite">
          {text}
        </p>
        {onStop ? (
          <Button variant="secondary" size="sm" onClick={onStop} disabled={stopping}>
            {stopping ? <span className="icon icon-loader-circle size-3.5 animate-spin" aria-hidden /> : null}
            {stopping ? "Stopping after this step…" : "Stop"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
