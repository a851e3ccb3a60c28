import { ApiProblem } from "./errors.mjs";
import { sleep } from "./io.mjs";
import { plain } from "./plain-text.mjs";

/** How long to wait when another step of the job is running, and how many times. */
const CONFLICT_WAIT_MS = 1000;
const MAX_CONFLICTS = 60;
/** Backoff for network errors, 429 and 5xx; a Retry-After (up to 30 s) can lengthen a wait. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * The line that continues a job, in the command's name as it was typed (`jobs`, or `bulk`, its earlier name).
 * @param {string} name @param {string} id
 */
export function resumeCommand(name, id) {
  return `gatehouse ${name} --resume ${plain(id)}`;
}

/** The problem type of a 409 that means "another step of this job holds it": worth waiting for. Any other 409 is a refusal. */
export const STEP_RUNNING = "urn:gatehouse:problem:job-step-running";

/** Worth retrying: a network error, 429 or 5xx. @param {unknown} error */
export function transient(error) {
  const status = error instanceof ApiProblem ? error.problem.status : -1;
  return status === 0 || status === 429 || status >= 500;
}

/**
 * One step of a job from its cursor. A 409 (another step is running) waits a second; a network
 * error, 429 or 5xx backs off; after either the cursor is read again from the job's status, so a
 * step that ran but whose answer was lost is not repeated. Other problems throw. While it waits,
 * `onWait` hears why; once `stopped()` says so it gives up waiting and answers the job as it was.
 * @param {import("./client.mjs").ApiClient} client @param {import("./io.mjs").Io} io
 * @param {any} job a JobStatus with a cursor @param {number | undefined} size
 * @param {{ onWait?: (status: string) => void, stopped?: () => boolean }} [hooks]
 * @returns {Promise<{ job: any, step: { processed: number, writeUnits: number, writeRequests: number, ms: number } }>}
 */
export async function stepJob(client, io, job, size, { onWait, stopped } = {}) {
  const idle = { processed: 0, writeUnits: 0, writeRequests: 0, ms: 0 };
  /** @type {string | null | undefined} undefined: read it from the status first */
  let cursor = job.cursor;
  let conflicts = 0;
  let failures = 0;
  for (;;) {
    try {
      if (cursor === undefined) {
        const { job: current } = await client.get("/api/v1/jobs/{id}", { params: { id: job.id } });
        cursor = current.cursor;
        if (!cursor) return { job: current, step: idle };
      }
      if (!cursor) return { job, step: idle };
      return await client.post("/api/v1/jobs/{id}/step", { params: { id: job.id }, body: { cursor, ...(size === undefined ? {} : { size }) } });
    } catch (error) {
      if (error instanceof ApiProblem && error.problem.type === STEP_RUNNING && ++conflicts <= MAX_CONFLICTS) {
        onWait?.("another step of this job is running; waiting");
        await sleep(io, CONFLICT_WAIT_MS);
      } else if (transient(error) && failures < RETRY_DELAYS_MS.length) {
        const problem = /** @type {ApiProblem} */ (error).problem;
        const wait = Math.max(RETRY_DELAYS_MS[failures++], Math.min((problem.retryAfterSeconds ?? 0) * 1000, MAX_RETRY_AFTER_MS));
        onWait?.(`${problem.title}${problem.status ? ` (${problem.status})` : ""}; retrying`);
        await sleep(io, wait);
      } else {
        throw error;
      }
      if (stopped?.()) return { job, step: idle };
      cursor = undefined;
    }
  }
}

/**
 * Every row of a job's results (1,000 a page) that `keep` keeps.
 * @param {import("./client.mjs").ApiClient} client @param {string} id @param {(row: any) => boolean} [keep]
 * @returns {Promise<any[]>}
 */
export async function fetchResults(client, id, keep = () => true) {
  const rows = [];
  /** @type {string | undefined} */
  let cursor;
  do {
    const page = await client.get("/api/v1/jobs/{id}/results", { params: { id }, query: { cursor, limit: 1000 } });
    rows.push(...(page.results ?? []).filter(keep));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
