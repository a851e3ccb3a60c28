import { type ChildProcess, spawn } from "node:child_process";
import { root, standaloneServer } from "./build";
import { freePort } from "./dynamodb-local";

/**
 * glibc gives each thread that allocates its own malloc arena, and the server's threads (zlib,
 * crypto, the libuv pool) leave each arena fragmented: under load, resident memory grew by
 * hundreds of MB that no heap held. Two arenas keep it flat at no measured cost in speed. Set
 * for the server process by `npm start`, the bench, the e2e suite and the Docker image alike;
 * a value already in the environment wins.
 */
export function mallocEnv(env: NodeJS.ProcessEnv = process.env): { MALLOC_ARENA_MAX: string } {
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" };
}

export interface ConsoleServer {
  /** `http://localhost:<port>` (Auth.js ties cookies to one origin: not 127.0.0.1). */
  url: string;
  process: ChildProcess;
  /** The server's stdout and stderr so far (the last 20,000 characters). */
  output: () => string;
  stop: () => void;
}

/**
 * Starts the standalone production build (`.next/standalone/server.js`) on a free loopback
 * port with `env` over this process's environment, and resolves once `/api/health` answers.
 * Used by the e2e setup and the benchmark.
 */
export async function startConsoleServer(
  env: Record<string, string | undefined>,
  options: { port?: number; timeoutMs?: number; script?: string } = {},
): Promise<ConsoleServer> {
  const port = options.port ?? (await freePort());
  let output = "";
  const server = spawn(process.execPath, [options.script ?? standaloneServer], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...mallocEnv(), AUTH_URL: `http://localhost:${port}`, ...env, NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1" },
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  const url = `http://localhost:${port}`;
  const handle: ConsoleServer = { url, process: server, output: () => output, stop: () => void server.kill("SIGTERM") };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The console exited (${server.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return handle;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  handle.stop();
  throw new Error(`The console at ${url} did not become healthy:\n${output}`);
}
