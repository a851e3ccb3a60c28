import { previewText, runAction } from "../action.mjs";
import { findUser } from "../client.mjs";
import { requireYesWithoutTerminal } from "../io.mjs";

/** @param {import("commander").Command} accounts @param {import("../program.mjs").Context} context */
export function register(accounts, context) {
  accounts
    .command("unlink")
    .description("Unlink one of a user's accounts (a provider sign-in); restorable from the audit log")
    .argument("<user>", "the user's email or id")
    .argument("<provider>", "the provider id, e.g. github")
    .argument("<providerAccountId>", "the account's id at the provider")
    .option("--reason <text>", "why; it goes into the audit log")
    .option("--confirm-email <email>", "the user's email: required when this is their last way to sign in")
    .option("--dry-run", "show what would happen and change nothing")
    .option("-y, --yes", "do not ask for confirmation (asked in a terminal; required without one)")
    .addHelpText(
      "after",
      '\nExamples:\n  gatehouse accounts unlink ana@example.com github 12345 --reason "wrong account" --dry-run\n  gatehouse accounts unlink ana@example.com github 12345 --confirm-email ana@example.com --yes',
    )
    .action(async (ref, provider, providerAccountId, options, command) => {
      requireYesWithoutTerminal(context.io, options, "accounts unlink");
      const client = context.client(command);
      const { user } = await findUser(client, ref);
      const body = {
        provider,
        providerAccountId,
        ...(options.reason !== undefined ? { reason: options.reason } : {}),
        ...(options.confirmEmail !== undefined ? { confirmEmail: options.confirmEmail } : {}),
      };
      await runAction({
        context,
        command,
        options,
        send: (dryRun) => client.post("/api/v1/users/{id}/accounts/unlink", { params: { id: user.id }, body: { ...body, dryRun } }),
        question: `Unlink ${provider} account ${providerAccountId} from ${user.email ?? user.id}?`,
        describe: previewText,
        verb: "unlink",
      });
    });
}
