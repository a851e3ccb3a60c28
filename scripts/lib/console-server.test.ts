import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { startConsoleServer } from "./console-server";

/** Stand-ins for `.next/standalone/server.js`: the real one needs a build. */
const dir = mkdtempSync(path.join(os.tmpdir(), "console-server-"));
const healthy = path.join(dir, "healthy.mjs");
writeFileSync(
  healthy,
  `import { createServer } from "node:http";
console.log("starting with", process.env.NODE_ENV, process.env.HOSTNAME, process.env.GREETING);
let calls = 0;
createServer((req, res) => {
  // Unhealthy at first, as a server still loading its routes.
  res.statusCode = req.url === "/api/health" && ++calls > 2 ? 200 : 503;
  res.end();
}).listen(Number(process.env.PORT), process.env.HOSTNAME);`,
);
const crashing = path.join(dir, "crashing.mjs");
writeFileSync(crashing, `console.error("MissingSecret"); process.exit(3);`);

test("waits for /api/health, passes the environment, collects the output, and stops", async () => {
  const server = await startConsoleServer({ GREETING: "hello" }, { script: healthy });
  assert.match(server.url, /^http:\/\/localhost:\d+$/);
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  assert.match(server.output(), /starting with production 127\.0\.0\.1 hello/);
  const exited = once(server.process, "exit");
  server.stop();
  await exited;
});

test("a server that exits is reported with its output", async () => {
  await assert.rejects(startConsoleServer({}, { script: crashing }), /The console exited \(3\):\nMissingSecret/);
});
