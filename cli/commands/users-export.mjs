import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { findUser } from "../client.mjs";
import { printJson } from "../io.mjs";
import { plain } from "../plain-text.mjs";

/** @param {import("commander").Command} users @param {import("../program.mjs").Context} context */
export function register(users, context) {
  users
    .command("export")
    .description("Everything Gatehouse holds about a user, as one JSON document (tokens reduced to fingerprints)")
    .argument("<user>", "the user's email or id")
    .option("-o, --output <file>", "write it to this file instead of stdout")
    .addHelpText("after", "\nExamples:\n  gatehouse users export ana@example.com -o ana.json\n  gatehouse users export ana@example.com | jq .counts")
    .action(async (ref, options, command) => {
      const client = context.client(command);
      const io = context.io;
      const { user } = await findUser(client, ref);
      const response = await client.stream("/api/v1/users/{id}/export", { params: { id: user.id } });
      const body = /** @type {import("node:stream/web").ReadableStream<Uint8Array>} */ (/** @type {unknown} */ (response.body));
      const auditId = response.headers.get("x-gatehouse-audit-id");
      if (options.output === undefined) {
        const decoder = new TextDecoder();
        for await (const chunk of Readable.fromWeb(body)) io.stdout.write(decoder.decode(chunk, { stream: true }));
        const rest = decoder.decode();
        if (rest) io.stdout.write(rest);
        return;
      }
      await pipeline(Readable.fromWeb(body), createWriteStream(options.output));
      if (context.json(command)) return printJson(io, { userId: user.id, file: options.output, auditId });
      io.stdout.write(`Exported ${plain(user.email ?? user.id)} to ${plain(options.output)}${auditId ? ` (audit ${plain(auditId)})` : ""}\n`);
    });
}
