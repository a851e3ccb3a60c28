// Apart from job-runner.tsx, so the list composer can mark its new job without loading the runner's code.

/** Jobs created on this page a moment ago: they start running once their page shows them (a reload does not start one). */
const startOnArrival = new Set<string>();

export function runWhenShown(jobId: string) {
  startOnArrival.add(jobId);
}

/** Whether the job was created here and has not been started yet; asking starts it at most once. */
export function takeStartOnArrival(jobId: string): boolean {
  return startOnArrival.delete(jobId);
}
