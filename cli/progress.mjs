import { plain } from "./plain-text.mjs";

const WIDTH = 20;

/** Milliseconds as "3.1 s", or "2 min 05 s" from a minute on. @param {number} ms */
export function duration(ms) {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

/**
 * `[██████░░░░] 120/200 users · 3.1 s · 41 write units/s`, for this run's time and writes.
 * @param {{ processed: number, total: number }} job @param {number} ms @param {number} writeUnits
 */
export function progressLine(job, ms, writeUnits) {
  const share = job.total > 0 ? Math.min(1, job.processed / job.total) : 1;
  const filled = Math.round(share * WIDTH);
  const rate = ms > 0 ? Math.round((writeUnits * 1000) / ms) : 0;
  return `[${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${job.processed}/${job.total} users · ${duration(ms)} · ${rate} write units/s`;
}

/**
 * A job's progress on stderr: a bar redrawn in place when stderr is a terminal, nothing otherwise
 * (scripts get the summary alone). `note` prints a line either way, above the bar.
 * @param {import("./io.mjs").Io} io
 */
export function createProgress(io) {
  const tty = Boolean(io.stderr.isTTY);
  const started = Date.now();
  let writeUnits = 0;
  /** @type {string | null} */
  let line = null;
  /** @param {string} text */
  const draw = (text) => {
    line = plain(text);
    io.stderr.write(`\r${line}\x1b[K`);
  };
  return {
    /** @param {{ processed: number, total: number }} job @param {{ writeUnits?: number }} [step] @param {string} [status] what it waits for */
    update(job, step, status) {
      writeUnits += step?.writeUnits ?? 0;
      if (tty) draw(`${progressLine(job, Date.now() - started, writeUnits)}${status ? ` · ${status}` : ""}`);
    },
    /** @param {string} text */
    note(text) {
      if (line === null) return void io.stderr.write(`${plain(text)}\n`);
      io.stderr.write(`\r\x1b[K${plain(text)}\n`);
      draw(line);
    },
    /** Leaves the last bar on its own line. */
    done() {
      if (line !== null) io.stderr.write("\n");
      line = null;
    },
  };
}
