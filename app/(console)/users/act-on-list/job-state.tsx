import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ListJobStatus } from "@/lib/features/list-jobs/status";

export type JobState = "running" | "stopped" | "unfinished" | "done" | "done with problems";

const tones: Record<JobState, BadgeTone> = { running: "accent", stopped: "warning", unfinished: "warning", done: "success", "done with problems": "warning" };

/**
 * How a job stands. The server only knows done or not: an unfinished job runs only while a
 * browser steps it, so this page says running or stopped, and a list of jobs says unfinished.
 */
export function jobStateOf(job: Pick<ListJobStatus, "state" | "counts">, steppingHere: boolean | null): JobState {
  if (job.state === "done") return job.counts.failed || job.counts.partial ? "done with problems" : "done";
  if (steppingHere === null) return "unfinished";
  return steppingHere ? "running" : "stopped";
}

export function JobStateBadge({ state, testId }: { state: JobState; testId?: string }) {
  return (
    <Badge tone={tones[state]} data-testid={testId}>
      {state}
    </Badge>
  );
}
