import { buildApp } from "./lib/build";

process.exitCode = buildApp({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }) ? 0 : 1;
