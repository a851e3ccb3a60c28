import { findUser } from "../client.mjs";
import { printJson } from "../io.mjs";
import { formatFields, time } from "../table.mjs";

/** @param {any} user */
const blockText = (user) =>
  user.block?.active ? `blocked until ${user.block.until ? time(user.block.until) : "further notice"} (${user.block.reason})` : "no";

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("find")
    .description("Show a user, by email (when it has an @) or by id")
    .argument("<email|id>", "the user's email or id")
    .addHelpText("after", "\nExamples:\n  gatehouse users find ana@example.com\n  gatehouse users find 7d2c...-id --json | jq .counts")
    .action(async (ref, _options, command) => {
      const found = await findUser(context.client(command), ref);
      if (context.json(command)) return printJson(context.io, found);
      const { user, counts } = found;
      context.io.stdout.write(
        formatFields([
          ["id", user.id],
          ["email", user.email],
          ["name", user.name],
          ["email verified", time(user.emailVerified)],
          ["blocked", blockText(user)],
          ["last sign-in", user.lastSignInAt ? `${time(user.lastSignInAt)}${user.lastSignInProvider ? ` (${user.lastSignInProvider})` : ""}` : "-"],
          ["sign-ins", user.signInCount],
          ["accounts", counts.accounts],
          ["sessions", counts.sessions],
          ["sign-in tokens", counts.verificationTokens],
        ]),
      );
    });
}
