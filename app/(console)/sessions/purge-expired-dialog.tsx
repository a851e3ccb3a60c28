"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import { Button } from "@/components/ui/button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import type { ActionResult } from "@/lib/actions/result";
import { purgeExpiredStepAction } from "@/lib/features/purge/action";
import { formatCount } from "@/lib/format/format";

export interface Progress {
  scanned: number;
  deleted: number;
  approximateItems: number;
  done: boolean;
}

/** Share of the table read so far; DescribeTable's count is approximate, so it can be passed. */
function percent({ scanned, approximateItems, done }: Progress): number {
  if (approximateItems > 0) return Math.min(100, (scanned / approximateItems) * 100);
  return done ? 100 : 0;
}

function PurgeProgress({ progress, stopping, onStop }: { progress: Progress | null; stopping: boolean; onStop: () => void }) {
  const value = progress ? percent(progress) : 0;
  const text = progress
    ? `Read ${formatCount(progress.scanned)} of ~${formatCount(progress.approximateItems)} items · deleted ${formatCount(progress.deleted)}`
    : "Starting: reading the first stretch of the table…";
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label="Purge progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-accent transition-[width] duration-300" style={{ width: `${value}%` }} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm tabular-nums" aria-live="polite">
          {text}
        </p>
        <Button variant="secondary" size="sm" onClick={onStop} disabled={stopping}>
          {stopping ? <span className="icon icon-loader-circle size-3.5 animate-spin" aria-hidden /> : null}
          {stopping ? "Stopping after this step…" : "Stop"}
        </Button>
      </div>
    </div>
  );
}

/** What outlives one opening of the dialog: where an interrupted run stopped (Retry and the next opening go on from there), and its progress. */
export interface PurgeMemory {
  resumeFrom: string | null;
  progress: Progress | null;
}

/**
 * Deletes expired sessions and sign-in tokens that TTL has not removed yet: one server step
 * (a bounded Scan) after another, each continuing from the last step's sealed cursor.
 */
export default function PurgeExpiredDialog({ memory, ...state }: DeferredDialogProps & { memory: React.RefObject<PurgeMemory> }) {
  const router = useRouter();
  const [progress, setProgressState] = useState<Progress | null>(memory.current.progress);
  const [stopping, setStopping] = useState(false);
  const stopRequested = useRef(false);
  const setProgress = (next: Progress | null) => {
    memory.current.progress = next;
    setProgressState(next);
  };

  async function run(reason: string | undefined): Promise<ActionResult> {
    stopRequested.current = false;
    setStopping(false);
    if (!memory.current.resumeFrom) setProgress(null);
    let cursor = memory.current.resumeFrom;
    let step = await purgeExpiredStepAction({ reason, cursor: cursor ?? undefined });
    while (step.ok && !step.done && step.cursor && !step.interrupted && !stopRequested.current) {
      setProgress(step);
      cursor = step.cursor;
      step = await purgeExpiredStepAction({ reason, cursor });
    }
    if (!step.ok) {
      // Every step needs a recent sign-in: once signed in again, Retry goes on with the same run.
      memory.current.resumeFrom = step.stepUp ? cursor : null;
      return { ok: false, error: step.error, stepUp: step.stepUp };
    }
    setProgress(step);
    memory.current.resumeFrom = step.interrupted ? step.cursor : null;
    if (step.interrupted) return { ok: true, partial: true, message: step.message };
    router.refresh();
    if (!step.done) {
      return {
        ok: true,
        partial: false,
        message: `Stopped after reading ${formatCount(step.scanned)} items: deleted ${formatCount(step.deleted)}. Run it again to go through the whole table.`,
      };
    }
    return { ok: true, partial: step.remaining > 0, message: step.message, auditIncomplete: step.auditIncomplete };
  }

  return (
    <ConfirmActionDialogBody
      {...state}
      title="Purge expired items?"
      description="DynamoDB's TTL deletes expired items on its own, usually within days. This deletes them now."
      preview={
        <>
          <p>Every session and pending sign-in token whose expiry has passed but which TTL has not deleted yet, across the whole table.</p>
          <p className="text-fg-muted">
            Live sessions and tokens are not touched. The table is read in steps, so this costs read capacity for every item in it. Purged items cannot be
            restored.
          </p>
        </>
      }
      requireReason
      confirmLabel="Purge expired"
      stepUp
      danger
      runningContent={
        <PurgeProgress
          progress={progress}
          stopping={stopping}
          onStop={() => {
            stopRequested.current = true;
            setStopping(true);
          }}
        />
      }
      onConfirm={(reason) => run(reason)}
    />
  );
}
