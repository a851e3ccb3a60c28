import { BusyError, MissingError } from "@/lib/audit/act";

/** Another step of the job holds it (or one cut short does, until its hold passes): retry later. */
export class JobStepBusyError extends BusyError {
  constructor(retryAfterSeconds: number) {
    super(`Another step of this job is running, or one was cut short (its hold ends within ${retryAfterSeconds} s); try again then.`, retryAfterSeconds, {
      type: "job-step-running",
      title: "Step running",
    });
    this.name = "JobStepBusyError";
  }
}

export class NoSuchJobError extends MissingError {
  constructor(jobId: string) {
    super(`There is no list job ${jobId} (jobs are kept for 30 days).`);
    this.name = "NoSuchJobError";
  }
}
