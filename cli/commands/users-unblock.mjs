import { previewText, runAction } from "../action.mjs";
import { findUser } from "../client.mjs";

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("unblock")
    .description("Unblock a user (sessions the block ended stay ended)")
    .argument("<user>", "the user's email or id")
    .option("--reason <text>", "why (at least 3 characters, if given); it goes into the audit log")
    .option("--dry-run", "show what would happen and change nothing")
    .option("-y, --yes", "do not ask for confirmation (it is only asked in a terminal)")
    .addHelpText("after", '\nExamples:\n  gatehouse users unblock ana@example.com --reason "verified by phone" --yes')
    .action(async (ref, options, command) => {
      const client = context.client(command);
      const { user } = await findUser(client, ref);
      await runAction({
        context,
        command,
        options,
        send: (dryRun) =>
          client.post("/api/v1/users/{id}/unblock", {
            params: { id: user.id },
            body: { ...(options.reason !== undefined ? { reason: options.reason } : {}), dryRun },
          }),
        question: `Unblock ${user.email ?? user.id}?`,
        describe: previewText,
        verb: "unblock",
      });
    });
}
