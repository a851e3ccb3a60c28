#!/usr/bin/env node
import { processIo } from "./io.mjs";
import { run } from "./program.mjs";

// `gatehouse ... | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await run(process.argv.slice(2), processIo());
