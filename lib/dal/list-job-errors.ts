import { RefusedError } from "./act";

/** Another step of the job holds it (or one cut short does, until its hold passes): retry later. */
export class JobStepBusyError extends RefusedError {
  constructor(readonly retryAfterSeconds: number) {
    super(`Another step of this job is running, or one was cut short (its hold ends within ${retryAfterSeconds} s); try again then.`);
    this.name = "JobStepBusyError";
  }
}

export class NoSuchJobError extends RefusedError {
  constructor(jobId: string) {
    super(`There is no list job ${jobId} (jobs are kept for 30 days).`);
    this.name = "NoSuchJobError";
  }
}
