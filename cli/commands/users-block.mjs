import { Option } from "commander";
import { previewText, runAction } from "../action.mjs";
import { findUser } from "../client.mjs";
import { requireYesWithoutTerminal } from "../io.mjs";

/** The durations the console's Block dialog offers (the API's `for`). */
export const BLOCK_DURATIONS = ["1h", "24h", "7d", "30d", "permanent"];

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("block")
    .description("Block a user: their sessions end and gatehouse-guard refuses their sign-ins")
    .argument("<user>", "the user's email or id")
    .addOption(new Option("--for <duration>", "how long").choices(BLOCK_DURATIONS).makeOptionMandatory())
    .requiredOption("--reason <text>", "why (at least 3 characters); it goes into the audit log")
    .option("--dry-run", "show what would happen and change nothing")
    .option("-y, --yes", "do not ask for confirmation (asked in a terminal; required without one)")
    .addHelpText(
      "after",
      '\nExamples:\n  gatehouse users block ana@example.com --for 7d --reason "credential stuffing" --dry-run\n  gatehouse users block ana@example.com --for permanent --reason "abuse" --yes',
    )
    .action(async (ref, options, command) => {
      requireYesWithoutTerminal(context.io, options, "users block");
      const client = context.client(command);
      const { user } = await findUser(client, ref);
      await runAction({
        context,
        command,
        options,
        send: (dryRun) => client.post("/api/v1/users/{id}/block", { params: { id: user.id }, body: { for: options.for, reason: options.reason, dryRun } }),
        question: `Block ${user.email ?? user.id} (${options.for})?`,
        describe: previewText,
        verb: "block",
      });
    });
}
