import { findUser } from "../client.mjs";
import { CliError, EXIT } from "../errors.mjs";
import { confirm, printJson, requireYesWithoutTerminal } from "../io.mjs";
import { plain } from "../plain-text.mjs";

/** The per-session revoke, once the server has it (its OpenAPI document says so). */
export const SESSION_REVOKE_PATH = "/api/v1/users/{id}/sessions/{fingerprint}/revoke";

/** An action's result as an exit code: ok 0, partial 3, failed or refused 1. @param {string} result */
export function exitFor(result) {
  return result === "ok" ? EXIT.ok : result === "partial" ? EXIT.partial : EXIT.failed;
}

/** @param {import("../client.mjs").ApiClient} client */
async function serverHasSessionRevoke(client) {
  const document = /** @type {{ paths?: Record<string, { post?: unknown }> }} */ (await client.get("/api/v1/openapi.json"));
  return Boolean(document?.paths?.[SESSION_REVOKE_PATH]?.post);
}

/** @param {import("commander").Command} sessions @param {import("../program.mjs").Context} context */
export function register(sessions, context) {
  sessions
    .command("revoke")
    .description("Sign a user out: every session (revoke all), or one with --fingerprint")
    .argument("<user>", "the user's email or id")
    .requiredOption("--reason <text>", "why (at least 3 characters); it goes into the audit log")
    .option("--fingerprint <fingerprint>", "revoke only this session (from `gatehouse users sessions`)")
    .option("--dry-run", "show what would be revoked and change nothing")
    .option("-y, --yes", "do not ask for confirmation (asked in a terminal; required without one)")
    .addHelpText(
      "after",
      '\nIn a terminal it shows the preview and asks before revoking, unless --yes; without a terminal\n(a script, a pipe) it needs --yes, else it exits 2 and changes nothing. Exit codes: 0 revoked, 1 failed or refused, 2 bad usage,\n3 partial (some sessions remain; run it again).\n\nExamples:\n  gatehouse sessions revoke ana@example.com --reason "leaked laptop" --dry-run\n  gatehouse sessions revoke ana@example.com --reason "leaked laptop" --yes',
    )
    .action(async (ref, options, command) => {
      requireYesWithoutTerminal(context.io, options, "sessions revoke");
      const client = context.client(command);
      const io = context.io;
      const json = context.json(command);
      const { user } = await findUser(client, ref);
      const who = plain(user.email ?? user.id);
      const body = { reason: options.reason, dryRun: Boolean(options.dryRun) };
      /** @param {boolean} dryRun */
      const send = (dryRun) =>
        options.fingerprint === undefined
          ? client.post("/api/v1/users/{id}/sessions/revoke-all", { params: { id: user.id }, body: { ...body, dryRun } })
          : client.post(SESSION_REVOKE_PATH, { params: { id: user.id, fingerprint: options.fingerprint }, body: { ...body, dryRun } });
      if (options.fingerprint !== undefined && !(await serverHasSessionRevoke(client))) {
        throw new CliError(
          "--fingerprint is not supported by this server yet (its /api/v1/openapi.json has no per-session revoke); revoke all of the user's sessions without it.",
          EXIT.usage,
        );
      }

      if (!body.dryRun && !options.yes && io.stdin.isTTY) {
        const target = options.fingerprint !== undefined ? `session ${options.fingerprint} of ${who}` : `every session of ${who}`;
        if (options.fingerprint === undefined) {
          const preview = await send(true);
          io.stderr.write(`${plain(preview.dryRun ? preview.preview.summary : undefined)}\n`);
        }
        if (!(await confirm(io, `Revoke ${target}?`, options))) throw new CliError("Not confirmed; nothing changed.", EXIT.failed);
      }

      const answer = await send(body.dryRun);
      if (answer.dryRun) {
        if (json) return printJson(io, answer);
        const preview = answer.preview;
        io.stdout.write(`Dry run, nothing changed. ${plain(preview.summary ?? "")}\n`);
        for (const fingerprint of "fingerprints" in preview ? preview.fingerprints : []) io.stdout.write(`  ${plain(fingerprint)}\n`);
        return;
      }
      if (json) printJson(io, answer);
      else io.stdout.write(`${plain(answer.result)}: ${plain(answer.message)}${answer.auditId ? ` (audit ${plain(answer.auditId)})` : ""}\n`);
      const code = exitFor(answer.result);
      if (code !== EXIT.ok) throw new CliError(json ? "" : `The revoke ended ${plain(answer.result)}.`, code);
    });
}
