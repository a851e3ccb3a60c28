import { Argument, InvalidArgumentError, Option } from "commander";
import { readEntries } from "../entries.mjs";
import { ApiProblem, CliError, EXIT, UsageError } from "../errors.mjs";
import { confirm, printJson, requireYesWithoutTerminal } from "../io.mjs";
import { notOkReport, plural, previewReport, summaryReport } from "../job-report.mjs";
import { fetchResults, resumeCommand, stepJob } from "../jobs.mjs";
import { plain } from "../plain-text.mjs";
import { createProgress } from "../progress.mjs";
import { BLOCK_DURATIONS } from "./users-block.mjs";

export const JOB_ACTIONS = ["revoke-all", "block", "delete"];
/** Steps answered without moving the job before the CLI gives up on it (a server bug, not a wait). */
const MAX_STUCK_STEPS = 10;

/** @param {string} value */
function stepSize(value) {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 200) throw new InvalidArgumentError("It takes a whole number from 1 to 200.");
  return size;
}

/** @param {string} action @param {string | undefined} duration @param {number} found */
function question(action, duration, found) {
  const users = plural(found, "user");
  if (action === "block") return `Block ${users} (${duration})?`;
  if (action === "delete") return `Delete ${users} and everything of theirs?`;
  return `Revoke every session of ${users}?`;
}

/**
 * @typedef {{ from?: string, reason?: string, for?: string, dryRun?: boolean, yes?: boolean, step?: number, resume?: string }} JobOptions
 * @typedef {Omit<NonNullable<import("../client.mjs").Input<"/api/v1/jobs", "post">["body"]>, "dryRun">} JobRequest
 */

/** @param {string | undefined} action @param {JobOptions} options @param {boolean} stdinIsTTY */
function checkUsage(action, options, stdinIsTTY) {
  if (options.resume !== undefined) {
    const extra = [action, options.from && "--from", options.reason && "--reason", options.for && "--for", options.dryRun && "--dry-run"].filter(Boolean);
    if (extra.length) throw new UsageError(`--resume continues a job as it was created; drop ${extra.join(", ")}.`);
    return;
  }
  if (!action) throw new UsageError("Give an action (revoke-all, block or delete) with --from, or --resume <id>.");
  if (!options.from) throw new UsageError("--from <file> is required: one email or user id a line (- reads stdin).");
  if (!options.reason) throw new UsageError("--reason <text> is required; it goes into the audit log.");
  if (action === "block" && !options.for) throw new UsageError("block needs --for: 1h, 24h, 7d, 30d or permanent.");
  if (action !== "block" && options.for) throw new UsageError(`--for is for block only; ${action} takes none.`);
  if (options.from === "-" && stdinIsTTY && !options.yes && !options.dryRun) {
    throw new UsageError("--from - reads the list from this terminal, so it cannot ask as well: add --yes (or --dry-run).");
  }
}

/** @param {import("commander").Command} program @param {import("../program.mjs").Context} context */
export function register(program, context) {
  program
    .command("jobs")
    // Its first name; scripts that use it keep working.
    .alias("bulk")
    .description("Revoke, block or delete a list of users (up to 10,000) as one job, step by step, resumable")
    .usage("<revoke-all|block|delete> --from <file> --reason <text> [--for <duration>] [options]\n       gatehouse jobs --resume <id> [options]")
    .addArgument(new Argument("[action]", "what to do to each user").choices(JOB_ACTIONS))
    .option("--from <file>", "the list: one email or user id a line; - reads stdin")
    .option("--reason <text>", "why (at least 3 characters); it goes into the audit log")
    .addOption(new Option("--for <duration>", "how long a block lasts (block only, required)").choices(BLOCK_DURATIONS))
    .option("--dry-run", "show what would happen (found, not found, already blocked) and change nothing")
    .option("-y, --yes", "do not ask for confirmation (asked in a terminal; required without one)")
    .option("--step <n>", "users per step, 1 to 200 (default: the server's, 50)", stepSize)
    .option("--resume <id>", "continue a job that stopped, from where it stopped")
    .addHelpText(
      "after",
      `
In a terminal it shows the dry run and asks before starting, unless --yes; without a terminal
(a script, a pipe) it needs --yes, else it exits 2 and changes nothing. The job id goes to
stderr at once; if the run stops (Ctrl-C, a lost connection), the job stays where it was:
continue it with --resume <id>. A progress bar is drawn on stderr in a
terminal only; the summary and the users not ok go to stdout (--json: { job, results }).
Exit codes: 0 every user ok or not found, 1 failed (API or network) or not confirmed,
2 bad usage, 3 some users partial or failed, or stopped before the end.

Examples:
  gatehouse jobs revoke-all --from leaked.txt --reason "token leak" --dry-run
  gatehouse jobs block --from stuffing.txt --for 7d --reason "credential stuffing" --yes
  gatehouse jobs delete --from erasure.txt --reason "GDPR erasure requests" --yes --json > done.json
  cut -d, -f1 users.csv | gatehouse jobs revoke-all --from - --reason "incident 42" --step 100 --yes
  gatehouse jobs --resume 01JZ8K3W2Q

\`bulk\`, its earlier name, still works: gatehouse bulk --resume 01JZ8K3W2Q is the same as the last one.`,
    )
    .action(async (action, /** @type {JobOptions} */ options, command) => {
      const io = context.io;
      checkUsage(action, options, Boolean(io.stdin.isTTY));
      // As typed (`jobs`, or `bulk`), for the line that resumes the job.
      const typed = command.parent?.args[0];
      const name = typed && command.aliases().includes(typed) ? typed : command.name();
      const client = context.client(command);
      const json = context.json(command);
      if (options.resume !== undefined) {
        const { job } = await client.get("/api/v1/jobs/{id}", { params: { id: options.resume } });
        if (job.cursor)
          io.stderr.write(
            `Job ${plain(job.id)} resumed at ${plain(job.processed)}/${plain(job.total)}; if it stops, continue it with: ${resumeCommand(name, job.id)}\n`,
          );
        return runJob({ client, io, json, name, size: options.step, start: async () => job });
      }

      const list = await readEntries(io, /** @type {string} */ (options.from));
      // After the list is read, so a bad list is reported first; a job resumed (above) was agreed to when it was created.
      requireYesWithoutTerminal(io, options, `${name} ${action}`);
      // checkUsage made sure of the action, the reason and (for block) the duration.
      const body = /** @type {JobRequest} */ ({ action, entries: list.entries, reason: options.reason, ...(options.for ? { for: options.for } : {}) });
      if (options.dryRun) {
        const answer = await client.post("/api/v1/jobs", { body: { ...body, dryRun: true } });
        if (json) return printJson(io, answer);
        return void io.stdout.write(`Dry run, nothing changed. ${previewReport(answer.dryRun ? answer.preview : {}, list.ignored)}`);
      }
      if (!options.yes && io.stdin.isTTY) {
        const answer = await client.post("/api/v1/jobs", { body: { ...body, dryRun: true } });
        const preview = answer.dryRun ? answer.preview : undefined;
        io.stderr.write(previewReport(preview ?? {}, list.ignored));
        if (!(await confirm(io, question(action, options.for, preview?.found ?? 0), options)))
          throw new CliError("Not confirmed; nothing changed.", EXIT.failed);
      }
      await runJob({
        client,
        io,
        json,
        name,
        size: options.step,
        start: async () => {
          const created = await client.post("/api/v1/jobs", { body: { ...body, dryRun: false } });
          if (created.dryRun)
            throw new ApiProblem({ status: 200, title: "Unexpected answer", detail: "POST /api/v1/jobs answered a dry run; no job was created." });
          const { job } = created;
          io.stderr.write(`Job ${plain(job.id)} started; if it stops, continue it with: ${resumeCommand(name, job.id)}\n`);
          return job;
        },
      });
    });
}

/**
 * Steps a job to its end and reports it. A Ctrl-C (from the job's creation on) stops it after
 * the request in flight, with the resume line and exit 3.
 * @param {{
 *   client: import("../client.mjs").ApiClient, io: import("../io.mjs").Io, json: boolean, name: string,
 *   size: number | undefined, start(): Promise<any>,
 * }} run
 */
async function runJob({ client, io, json, name, size, start }) {
  const progress = createProgress(io);
  let interrupted = false;
  const stopListening =
    io.onInterrupt?.(() => {
      interrupted = true;
      progress.note("Stopping after the request in flight (Ctrl-C again to quit at once).");
    }) ?? (() => {});
  let job;
  try {
    job = await start();
    if (job.cursor && !interrupted) progress.update(job);
    let stuck = 0;
    while (job.cursor && !interrupted) {
      const current = job;
      const answer = await stepJob(client, io, job, size, {
        onWait: (status) => progress.update(current, undefined, status),
        stopped: () => interrupted,
      });
      job = answer.job;
      progress.update(job, answer.step);
      stuck = job.cursor === current.cursor && job.processed === current.processed ? stuck + 1 : 0;
      if (stuck >= MAX_STUCK_STEPS)
        throw new ApiProblem({ status: 0, title: "No progress", detail: `${MAX_STUCK_STEPS} steps in a row left the job where it was.` });
    }
  } catch (error) {
    progress.done();
    if (!job || !(error instanceof ApiProblem)) throw error;
    throw new CliError(
      `${error.message}\nThe job stopped at ${plain(job.processed)}/${plain(job.total)}; continue it with: ${resumeCommand(name, job.id)}`,
      EXIT.failed,
    );
  } finally {
    stopListening();
  }
  progress.done();

  if (job.cursor) {
    io.stderr.write(`Stopped at ${plain(job.processed)}/${plain(job.total)}. Continue it with: ${resumeCommand(name, job.id)}\n`);
    if (json) printJson(io, { job, results: await fetchResults(client, job.id) });
    throw new CliError("", EXIT.partial);
  }
  const counts = job.counts ?? {};
  if (json) {
    printJson(io, { job, results: await fetchResults(client, job.id) });
  } else {
    io.stdout.write(summaryReport(job));
    if ((counts.partial ?? 0) + (counts.failed ?? 0) + (counts.notFound ?? 0) > 0) {
      io.stdout.write(notOkReport(await fetchResults(client, job.id, (row) => row.outcome !== "ok")));
    }
  }
  const unfinished = (counts.partial ?? 0) + (counts.failed ?? 0);
  if (unfinished > 0) throw new CliError(json ? "" : `${plural(unfinished, "user")} ended partial or failed (listed above).`, EXIT.partial);
}
