/**
 * `npm run setup`: creates the tables that are missing (the product table with its stream on) and
 * checks the ones that exist, printing the command that fixes each finding. Against an existing
 * product table without a stream it changes nothing unless asked: `npm run setup -- --enable-streams`.
 */
import { parseArgs } from "node:util";
import { parseActivityConfig } from "@/lib/features/activity/config";
import { runScript, withEngine } from "./lib/engine";
import { setupTables } from "./lib/setup-tables";

const { values } = parseArgs({ options: { "enable-streams": { type: "boolean", default: false } } });

await runScript(() =>
  withEngine(async (clients, config) => {
    const activity = parseActivityConfig(process.env, config.engine).mode;
    console.log(`Tables on ${config.endpoint ?? `AWS ${config.region}`}:`);
    const { findings } = await setupTables(clients, config, console.log, { enableStreams: values["enable-streams"], activity });
    if (findings) console.log(`\n${findings} problem(s) found.`);
    return findings ? 1 : 0;
  }),
);
