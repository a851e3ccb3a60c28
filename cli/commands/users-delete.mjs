import { previewText, runAction } from "../action.mjs";
import { findUser } from "../client.mjs";
import { requireYesWithoutTerminal } from "../io.mjs";

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("delete")
    .description("Delete a user with their accounts, sessions and sign-in tokens (restorable from the audit log for 7 days)")
    .argument("<user>", "the user's email or id")
    .requiredOption("--reason <text>", "why (at least 3 characters); it goes into the audit log")
    .option("--dry-run", "show what would go and change nothing")
    .option("-y, --yes", "do not ask for confirmation (asked in a terminal; required without one)")
    .addHelpText(
      "after",
      '\nExamples:\n  gatehouse users delete ana@example.com --reason "GDPR erasure request" --dry-run\n  gatehouse users delete ana@example.com --reason "GDPR erasure request" --yes',
    )
    .action(async (ref, options, command) => {
      requireYesWithoutTerminal(context.io, options, "users delete");
      const client = context.client(command);
      const { user } = await findUser(client, ref);
      await runAction({
        context,
        command,
        options,
        send: (dryRun) => client.delete("/api/v1/users/{id}", { params: { id: user.id }, body: { reason: options.reason, dryRun } }),
        question: `Delete ${user.email ?? user.id} and everything of theirs?`,
        describe: previewText,
        verb: "delete",
      });
    });
}
