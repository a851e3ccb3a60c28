import { findUser } from "../client.mjs";
import { printJson } from "../io.mjs";
import { plain } from "../plain-text.mjs";
import { formatTable, time } from "../table.mjs";

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("sessions")
    .description("List a user's sessions, by fingerprint (tokens never leave the server)")
    .argument("<user>", "the user's email or id")
    .action(async (ref, _options, command) => {
      const client = context.client(command);
      const { user } = await findUser(client, ref);
      const answer = await client.get("/api/v1/users/{id}/sessions", { params: { id: user.id } });
      if (context.json(command)) return printJson(context.io, answer);
      /** @type {any[]} */
      const sessions = answer.sessions;
      const out = context.io.stdout;
      const who = plain(user.email ?? user.id);
      if (sessions.length === 0) return void out.write(`${who} has no sessions.\n`);
      out.write(
        formatTable(
          [
            { header: "FINGERPRINT", value: (s) => s.fingerprint },
            { header: "STATE", value: (s) => (s.live ? "live" : "expired") },
            { header: "EXPIRES", value: (s) => time(s.expires) },
            { header: "LAST ACTIVE", value: (s) => time(s.lastActive) },
          ],
          sessions,
        ),
      );
      out.write(`${sessions.length} session${sessions.length === 1 ? "" : "s"} of ${who}\n`);
    });
}
