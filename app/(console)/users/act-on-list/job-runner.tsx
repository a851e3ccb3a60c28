"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { blockDurations } from "@/lib/features/block/durations";
import { stepListJobAction } from "@/lib/features/list-jobs/action";
import { listActionLabels } from "@/lib/features/list-jobs/entries";
import type { ListJobStatus } from "@/lib/features/list-jobs/status";
import { formatCount } from "@/lib/format/format";
import { JobStateBadge, jobStateOf } from "./job-state";
import { ProgressBar } from "./progress-bar";
import { takeStartOnArrival } from "./start-on-arrival";
import { throughput } from "./throughput";

/** A 409 (another step of the job is running) is tried again this often, a second apart, before it is shown. */
const BUSY_RETRIES = 3;

type StepFailure = { message: string; refused: boolean };

function Counts({ job }: { job: ListJobStatus }) {
  const items = [
    { label: "OK", value: job.counts.ok, tone: "text-success" },
    { label: "Partial", value: job.counts.partial, tone: job.counts.partial ? "text-warning" : "" },
    { label: "Failed", value: job.counts.failed, tone: job.counts.failed ? "text-danger" : "" },
    { label: "Not found", value: job.counts.notFound, tone: job.counts.notFound ? "text-warning" : "" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="job-counts">
      {items.map((item) => (
        <div key={item.label} className="rounded-md border border-border px-3 py-2">
          <dt className="text-xs text-fg-muted">{item.label}</dt>
          <dd className={`text-lg font-semibold tabular-nums ${item.tone}`}>{formatCount(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A list job as it runs from this browser: one step (stepSize users) after another from the
 * job's sealed cursor, with progress, counts and write units; Stop after the step in flight,
 * Resume from where it stopped (here, after a reload, or after a failed step). The results
 * (rendered on the server) show whenever it is not running.
 */
export function JobRunner({
  job: serverJob,
  stepSize,
  stepRefusal,
  serverNow,
  results,
}: {
  job: ListJobStatus;
  stepSize: number;
  /** Why this operator cannot run the job's steps (someone else started it); null when they can. */
  stepRefusal: string | null;
  serverNow: number;
  results: React.ReactNode;
}) {
  const router = useRouter();
  const [job, setJob] = useState(serverJob);
  const [seen, setSeen] = useState(serverJob);
  const [running, setRunning] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [failure, setFailure] = useState<StepFailure | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const stop = useRef(false);
  const inFlight = useRef(false);

  // The server's view wins whenever this browser is not stepping the job (after a refresh, or another tab's steps).
  if (serverJob !== seen) {
    setSeen(serverJob);
    if (!running) setJob(serverJob);
  }

  async function run(from: ListJobStatus) {
    if (!from.cursor || inFlight.current) return;
    inFlight.current = true;
    stop.current = false;
    setStopping(false);
    setRunning(true);
    setFailure(null);
    let current = from;
    let busy = 0;
    let idle = 0;
    while (current.cursor && !stop.current) {
      let result: Awaited<ReturnType<typeof stepListJobAction>>;
      try {
        result = await stepListJobAction({ jobId: current.id, cursor: current.cursor, size: stepSize });
      } catch (error) {
        console.warn("[list-job]", error);
        result = { ok: false, error: "The console could not reach the server. What ran is kept; Resume goes on from there." };
      }
      if (!result.ok) {
        if (result.busy && busy++ < BUSY_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        setFailure({ message: result.error, refused: result.refused === true && !result.busy });
        break;
      }
      busy = 0;
      // A stale cursor answers the job as it is: go on from its cursor, but never loop on one that does not move.
      idle = result.step.processed === 0 && result.job.cursor === current.cursor ? idle + 1 : 0;
      current = result.job;
      setJob(current);
      if (idle >= 2) {
        setFailure({ message: "The job did not move on from this step. Reload the page to see where it stands.", refused: false });
        break;
      }
    }
    inFlight.current = false;
    setRunning(false);
    setStopping(false);
    startRefresh(() => router.refresh());
  }

  // Once per job, on mount: this component is keyed by the job's id, and a run started again on
  // each render would run it twice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on mount only (see above)
  useEffect(() => {
    // A run still in flight (React's development double mount) goes on.
    if (inFlight.current) stop.current = false;
    else if (takeStartOnArrival(serverJob.id)) void run(serverJob);
    return () => {
      stop.current = true;
    };
  }, []);

  function requestStop() {
    stop.current = true;
    setStopping(true);
  }

  const state = jobStateOf(job, running);
  const duration = job.for ? blockDurations.find((d) => d.value === job.for) : null;
  const title = `${listActionLabels[job.action]}${duration ? ` (${duration.value === "permanent" ? "permanent" : duration.label})` : ""}: ${formatCount(job.total)} listed ${job.total === 1 ? "entry" : "entries"}`;
  const progressText = `${running ? "Running: " : ""}${formatCount(job.processed)} of ${formatCount(job.total)} processed`;
  const canResume = job.state === "running" && !running && stepRefusal === null;

  return (
    <div className="space-y-6">
      <Card aria-labelledby="job-title" aria-busy={running}>
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
          <div className="min-w-0">
            <h2 id="job-title" className="text-sm font-semibold">
              {title}
            </h2>
            <p className="mt-0.5 text-xs text-fg-muted">
              Started by {job.apiKey ? `the API key ${job.apiKey.name} (${job.createdBy})` : job.createdBy}{" "}
              <RelativeTime epochMs={Date.parse(job.createdAt)} serverNow={serverNow} /> · reason “{job.reason}” · list fingerprint{" "}
              <span className="font-mono">{job.listFingerprint}</span>
            </p>
          </div>
          <JobStateBadge state={state} testId="job-state" />
        </header>
        <div className="space-y-4 px-5 py-4">
          <ProgressBar
            label="Job progress"
            value={job.processed}
            max={job.total}
            text={progressText}
            onStop={running ? requestStop : undefined}
            stopping={stopping}
          />
          <Counts job={job} />
          <p className="text-sm text-fg-muted tabular-nums" data-testid="throughput">
            {throughput(job)}
            <span className="sr-only"> (write capacity units consumed by the users&apos; actions, per second of steps)</span>
          </p>

          {failure ? (
            <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
              <p className="font-medium text-danger">{failure.refused ? "Refused: the step did not run." : "The step did not go through."}</p>
              <p className="mt-0.5 break-words">{failure.message}</p>
              <p className="mt-0.5 text-fg-muted">
                {formatCount(job.processed)} of {formatCount(job.total)} were processed before it; each of them has its result below. Resume runs the rest from
                there (a step that did go through is never run twice).
              </p>
            </div>
          ) : null}

          <p role="status" className="text-sm" data-testid="job-message">
            {state === "stopped"
              ? `Stopped at ${formatCount(job.processed)} of ${formatCount(job.total)}: nothing more is done until ${stepRefusal ? "they resume it" : "you resume"}.`
              : job.message}
          </p>
          {stepRefusal && job.state === "running" ? <p className="text-sm text-fg-muted">{stepRefusal}</p> : null}

          <div className="flex flex-wrap items-center gap-2">
            {canResume ? (
              <Button onClick={() => void run(job)}>
                <span className="icon icon-play" aria-hidden />
                Resume
              </Button>
            ) : null}
            {job.processed > 0 ? (
              <a href={`/users/act-on-list/${job.id}/results.csv`} download className={buttonClasses({ variant: "secondary" })}>
                <span className="icon icon-download" aria-hidden />
                Download results (CSV)
              </a>
            ) : null}
            <Link href={`/audit?target=${encodeURIComponent(job.id)}`} className={buttonClasses({ variant: "ghost" })}>
              <span className="icon icon-scroll-text" aria-hidden />
              Audit entries
            </Link>
            <Link href="/users/act-on-list" className={buttonClasses({ variant: "ghost" })}>
              Act on another list
            </Link>
          </div>
        </div>
      </Card>

      {running ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="text-base font-semibold">
            Results
          </h2>
          <p className="text-sm text-fg-muted">Shown when the job stops or finishes; Download results (CSV) has every row so far.</p>
        </section>
      ) : refreshing ? (
        <DataTableSkeleton columns={4} rows={6} />
      ) : (
        results
      )}
    </div>
  );
}
