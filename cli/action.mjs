import { exitFor } from "./commands/sessions-revoke.mjs";
import { CliError, EXIT } from "./errors.mjs";
import { confirm, printJson } from "./io.mjs";
import { plain } from "./plain-text.mjs";

/**
 * A destructive API action as `sessions revoke` runs it: in a terminal (unless --yes or --dry-run) the
 * dry-run preview goes to stderr and it asks; then the call, printed as JSON or one line, its result
 * as the exit code (ok 0, partial 3, failed or refused 1).
 * @param {{
 *   context: import("./program.mjs").Context,
 *   command: import("commander").Command,
 *   options: { dryRun?: boolean, yes?: boolean },
 *   send(dryRun: boolean): Promise<any>,
 *   question: string,
 *   describe(preview: any): string,
 *   verb: string,
 * }} action
 */
export async function runAction({ context, command, options, send, question, describe, verb }) {
  const io = context.io;
  const json = context.json(command);
  const dryRun = Boolean(options.dryRun);
  if (!dryRun && !options.yes && io.stdin.isTTY) {
    const { preview } = await send(true);
    io.stderr.write(`${describe(preview ?? {})}\n`);
    if (!(await confirm(io, question, options))) throw new CliError("Not confirmed; nothing changed.", EXIT.failed);
  }
  const answer = await send(dryRun);
  if (answer.dryRun) {
    if (json) return printJson(io, answer);
    return void io.stdout.write(`Dry run, nothing changed. ${describe(answer.preview ?? {})}\n`);
  }
  if (json) printJson(io, answer);
  else io.stdout.write(outcomeLine(answer));
  const code = exitFor(answer.result);
  if (code !== EXIT.ok) throw new CliError(json ? "" : `The ${verb} ended ${plain(answer.result)}.`, code);
}

/** An action's answer in one line: result, message, audit id. @param {any} answer */
export function outcomeLine(answer) {
  return `${plain(answer.result)}: ${plain(answer.message)}${answer.auditId ? ` (audit ${plain(answer.auditId)})` : ""}\n`;
}

/** A preview's summary (or lines) and its warning, as the console's dialog shows them. @param {any} preview */
export function previewText(preview) {
  const text = preview.summary !== undefined ? plain(preview.summary) : (preview.lines ?? []).map(plain).join("\n");
  return preview.warning ? `${text}\n${plain(preview.warning)}` : text;
}
