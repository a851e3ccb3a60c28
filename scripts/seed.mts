import { parseArgs } from "node:util";
import { runScript, withEngine } from "./lib/engine";
import { seedDemoData } from "./lib/seed";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "200" },
    seed: { type: "string", default: "42" },
  },
});

await runScript(async () => {
  const users = Number(values.users);
  const seed = Number(values.seed);
  if (!Number.isInteger(users) || users < 1 || users > 1_000_000) throw new Error("--users: expected a whole number from 1 to 1000000");
  if (!Number.isInteger(seed)) throw new Error("--seed: expected a whole number");
  return withEngine(async (clients, config) => {
    const started = Date.now();
    const counts = await seedDemoData(clients.doc, config.product, { users, seed });
    console.log(
      `Seeded ${config.product.tableName} through @auth/dynamodb-adapter in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${counts.users} users, ${counts.accounts} accounts, ${counts.sessions} sessions, ${counts.verificationTokens} verification tokens.`,
    );
  });
});
