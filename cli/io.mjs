import { createInterface } from "node:readline/promises";
import { UsageError } from "./errors.mjs";
import { plain } from "./plain-text.mjs";

/**
 * What a command reads and writes; tests pass their own. `stderr.isTTY` says whether a progress
 * bar may be drawn; `onInterrupt` calls its listener on the first Ctrl-C and returns how to stop
 * listening; `onStop` does the same for the first Ctrl-C or SIGTERM (a command that runs until
 * stopped); `sleep` waits between retries.
 * @typedef {{
 *   stdout: { write(text: string): unknown },
 *   stderr: { write(text: string): unknown, isTTY?: boolean },
 *   stdin: NodeJS.ReadableStream & { isTTY?: boolean },
 *   env: Record<string, string | undefined>,
 *   fetch: typeof fetch,
 *   onInterrupt?: (listener: () => void) => () => void,
 *   onStop?: (listener: () => void) => () => void,
 *   sleep?: (ms: number) => Promise<void>,
 * }} Io
 */

/** @returns {Io} */
export function processIo() {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    fetch: globalThis.fetch,
    onInterrupt: (listener) => onFirstSignal(["SIGINT"], listener),
    onStop: (listener) => onFirstSignal(["SIGINT", "SIGTERM"], listener),
  };
}

/**
 * The first of `signals` goes to `listener`; the handler then steps aside, so a second Ctrl-C ends
 * the process as usual. @param {NodeJS.Signals[]} signals @param {() => void} listener
 */
function onFirstSignal(signals, listener) {
  const stop = () => {
    for (const signal of signals) process.off(signal, handler);
  };
  const handler = () => {
    stop();
    listener();
  };
  for (const signal of signals) process.on(signal, handler);
  return stop;
}

/**
 * Waits `ms`, or less once `signal` aborts (its timer cleared, so a stopped command exits at once).
 * @param {Io} io @param {number} ms @param {AbortSignal} [signal]
 */
export function sleep(io, ms, signal) {
  if (io.sleep) return io.sleep(ms);
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(undefined);
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve(undefined);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Prints a value as the API sent it, for scripts (`--json`). @param {Io} io @param {unknown} value */
export function printJson(io, value) {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A command that takes something away (deletes, revokes, unlinks, blocks) runs in a script only
 * with --yes, as gh's do: without a terminal there is no one to ask, and a script that forgot the
 * flag must not act by default. It is checked before any request; a dry run changes nothing.
 * @param {Io} io @param {{ yes?: boolean, dryRun?: boolean }} options @param {string} name e.g. "users delete"
 */
export function requireYesWithoutTerminal(io, options, name) {
  if (options.yes || options.dryRun || io.stdin.isTTY) return;
  throw new UsageError(
    `${name} changes data and stdin is not a terminal, so it cannot ask: add --yes to go ahead (or --dry-run to see what it would do). Nothing changed.`,
  );
}

/**
 * Asks before a destructive step, in a terminal only: without a TTY it proceeds (a destructive
 * command has already required --yes there). The question names the user as the server spelled them, so it is made plain.
 * @param {Io} io @param {string} question @param {{ yes?: boolean }} options
 */
export async function confirm(io, question, options) {
  if (options.yes || !io.stdin.isTTY) return true;
  const prompt = createInterface({ input: io.stdin, output: /** @type {NodeJS.WritableStream} */ (/** @type {unknown} */ (io.stderr)) });
  try {
    const answer = await prompt.question(`${plain(question)} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
