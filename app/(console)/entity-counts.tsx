"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { countEntitiesStepAction, stopEntityCountAction } from "@/lib/features/overview/action";
import type { EntityCounts as Counts, EntityCountProgress } from "@/lib/features/overview/schema";
import { formatCount } from "@/lib/format/format";

type Status = "idle" | "running" | "done" | "stopped" | "error";
type Progress = Omit<EntityCountProgress, "cursor">;

const rows: { key: keyof Counts; label: string; sub?: boolean }[] = [
  { key: "users", label: "Users" },
  { key: "accounts", label: "Linked accounts" },
  { key: "sessions", label: "Sessions" },
  { key: "expiredSessions", label: "expired, awaiting TTL", sub: true },
  { key: "verificationTokens", label: "Verification tokens" },
  { key: "expiredVerificationTokens", label: "expired, awaiting TTL", sub: true },
  { key: "guardHeartbeats", label: "Guard heartbeats (Gatehouse's own)" },
  { key: "other", label: "Other items" },
];

function summary(status: Status, p: Progress | null): string {
  if (!p) return "Starting: reading the first stretch of the table…";
  const read = `${formatCount(p.scanned)} of ~${formatCount(p.approximateItems)} items`;
  const rcu = `${formatCount(p.consumedRCU)} RCU consumed`;
  if (status === "done") return `Counted all ${formatCount(p.scanned)} items (DescribeTable said ~${formatCount(p.approximateItems)}) · ${rcu}.`;
  if (status === "stopped") return `Stopped after reading ${read}: the counts cover only that part · ${rcu}.`;
  return `Read ${read} · ${rcu}`;
}

/**
 * "Count items": an exact count of the product table by entity, on request only. One server
 * step (a bounded parallel Scan) after another, each continuing from the last sealed cursor.
 */
export function EntityCounts({ approximateItems, fullScanReadUnits }: { approximateItems: number; fullScanReadUnits: number }) {
  const id = useId();
  const [status, setStatus] = useState<Status>("idle");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);
  useEffect(
    () => () => {
      stop.current = true;
    },
    [],
  );

  async function run() {
    stop.current = false;
    setStopping(false);
    setError(null);
    setProgress(null);
    setStatus("running");
    let cursor: string | undefined;
    try {
      for (;;) {
        const step = await countEntitiesStepAction({ cursor });
        if (!step.ok) {
          setError(step.error);
          setStatus("error");
          return;
        }
        setProgress(step);
        if (step.done || !step.cursor) return setStatus("done");
        if (stop.current) {
          void stopEntityCountAction({ cursor: step.cursor }).catch(() => {});
          return setStatus("stopped");
        }
        cursor = step.cursor;
      }
    } catch {
      setError("The console could not be reached; nothing was changed. Try again.");
      setStatus("error");
    }
  }

  const running = status === "running";
  const max = progress ? Math.max(progress.approximateItems, progress.scanned, 1) : 1;
  // Without DescribeTable's count the share read is unknown: an indeterminate bar until done.
  const value = progress && (progress.approximateItems > 0 || status === "done") ? progress.scanned : undefined;
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-sm font-semibold">
            Items by entity
          </h2>
          <p className="mt-0.5 max-w-2xl text-xs text-fg-muted">
            An exact count, read on request: every item of the product table once (keys, type and expiry only), in steps, with parallel segments on large
            tables. A full read of ~{formatCount(approximateItems)} items costs about {formatCount(fullScanReadUnits)} RCU (whole items are charged, whatever is
            projected).
          </p>
        </div>
        <div className="flex gap-2">
          {running ? (
            <button
              type="button"
              className={buttonClasses({ variant: "secondary" })}
              disabled={stopping}
              onClick={() => {
                stop.current = true;
                setStopping(true);
              }}
            >
              {stopping ? <span className="icon icon-loader-circle size-3.5 animate-spin" aria-hidden /> : null}
              {stopping ? "Stopping after this step…" : "Stop"}
            </button>
          ) : null}
          <button type="button" className={buttonClasses({ variant: "primary" })} disabled={running} onClick={run}>
            {running ? <span className="icon icon-loader-circle size-4 animate-spin" aria-hidden /> : <span className="icon icon-sigma" aria-hidden />}
            Count items
          </button>
        </div>
      </header>
      {status === "idle" ? null : (
        <div className="space-y-4 px-5 py-4">
          {error ? (
            <p role="alert" className="rounded-lg border border-danger/40 bg-danger/10 px-4 py-3 text-sm">
              <span className="font-medium text-danger">Counting failed: </span>
              {error}
            </p>
          ) : null}
          {status !== "error" || progress ? (
            <div className="space-y-2">
              <label htmlFor={`${id}-progress`} className="sr-only">
                Items read
              </label>
              <progress
                id={`${id}-progress`}
                max={max}
                value={value}
                aria-describedby={`${id}-summary`}
                className="h-2 w-full appearance-none overflow-hidden rounded-full bg-muted [&::-moz-progress-bar]:bg-accent [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-accent"
              />
              <p id={`${id}-summary`} className="text-sm tabular-nums" aria-live="polite" data-testid="count-summary">
                {summary(status, progress)}
              </p>
            </div>
          ) : null}
          {progress ? (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4 lg:grid-cols-7">
              {rows.map(({ key, label, sub }) => (
                <div key={key} className="min-w-0">
                  <dt className="text-xs text-fg-muted">{sub ? `… ${label}` : label}</dt>
                  <dd className="mt-1 text-sm font-medium tabular-nums" data-testid={`count-${key}`}>
                    {formatCount(progress.counts[key])}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
      )}
    </section>
  );
}
