import { runScript, withEngine } from "./lib/engine";
import { setupTables } from "./lib/setup-tables";

await runScript(() =>
  withEngine(async (clients, config) => {
    console.log(`Tables on ${config.endpoint ?? `AWS ${config.region}`}:`);
    const { findings } = await setupTables(clients, config);
    if (findings) console.log(`\n${findings} problem(s) found.`);
    return findings ? 1 : 0;
  }),
);
