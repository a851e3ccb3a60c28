import { spawn } from "node:child_process";
import path from "node:path";

/**
 * `npm run bench`: the benchmark of issue 6. The DAL imports `server-only`, which only loads
 * under the `react-server` condition, so the work runs in a child node with that condition.
 */
const runner = path.join(import.meta.dirname, "lib", "bench-run.mts");
const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", runner, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
