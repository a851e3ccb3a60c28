import { Command, CommanderError } from "commander";
import { ApiClient, connection } from "./client.mjs";
import * as accountsUnlink from "./commands/accounts-unlink.mjs";
import * as activity from "./commands/activity.mjs";
import * as audit from "./commands/audit.mjs";
import * as jobs from "./commands/jobs.mjs";
import * as sessionsRevoke from "./commands/sessions-revoke.mjs";
import * as stats from "./commands/stats.mjs";
import * as usersBlock from "./commands/users-block.mjs";
import * as usersDelete from "./commands/users-delete.mjs";
import * as usersExport from "./commands/users-export.mjs";
import * as usersFind from "./commands/users-find.mjs";
import * as usersSessions from "./commands/users-sessions.mjs";
import * as usersUnblock from "./commands/users-unblock.mjs";
import { CliError, EXIT } from "./errors.mjs";
import { plainLines } from "./plain-text.mjs";

/**
 * What every command gets: the io, and the API client and --json flag for the command being run.
 * @typedef {{
 *   io: import("./io.mjs").Io,
 *   client(command: Command): ApiClient,
 *   json(command: Command): boolean,
 * }} Context
 */

/** Each group ("users", "sessions") and the commands in it; a new command is one more module here. */
const groups = {
  users: {
    description: "Find, block, unblock, export and delete users; list their sessions",
    commands: [usersFind, usersSessions, usersBlock, usersUnblock, usersExport, usersDelete],
  },
  sessions: { description: "Revoke sessions", commands: [sessionsRevoke] },
  accounts: { description: "Unlink a user's accounts", commands: [accountsUnlink] },
};
const topLevel = [jobs, audit, activity, stats];

/** @param {import("./io.mjs").Io} io */
export function buildProgram(io) {
  /** @type {Context} */
  const context = {
    io,
    client: (command) => new ApiClient(connection(command.optsWithGlobals(), io.env), io.fetch),
    json: (command) => Boolean(command.optsWithGlobals().json),
  };
  const program = new Command("gatehouse")
    .description("Gatehouse from the command line: the management API (/api/v1/) with an API key")
    .option("--url <url>", "the console's URL (default: $GATEHOUSE_URL)")
    .option("--key <key>", "an API key, gh_... (default: $GATEHOUSE_API_KEY)")
    .option("--json", "print the API's JSON instead of tables, for scripts")
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 failed (API or network error), 2 bad usage, 3 partial.\nCreate a key at /settings/api-keys; set GATEHOUSE_URL and GATEHOUSE_API_KEY, or pass --url and --key.",
    );
  for (const [name, group] of Object.entries(groups)) {
    const parent = program.command(name).description(group.description);
    for (const command of group.commands) command.register(parent, context);
  }
  for (const command of topLevel) command.register(program, context);
  return program;
}

/**
 * Runs the CLI and returns its exit code (never exits itself, so tests can call it).
 * @param {string[]} args the arguments after `gatehouse`
 * @param {import("./io.mjs").Io} io
 */
export async function run(args, io) {
  const program = buildProgram(io);
  try {
    await program.parseAsync(args, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version are not errors; every other parser complaint is bad usage (already printed).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      if (error.message) io.stderr.write(`gatehouse: ${plainLines(error.message)}\n`);
      return error.code;
    }
    io.stderr.write(`gatehouse: ${plainLines(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}
