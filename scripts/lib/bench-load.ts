import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { log, round } from "./bench-measure";
import type { ConsoleServer } from "./console-server";

/**
 * The benchmark's load phase (`npm run bench -- --load`): operators signed in through the real
 * magic-link flow browse the console side by side while the server's memory is watched.
 */

interface Mail {
  to: string[];
  text: string;
}

function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(
    response.headers
      .getSetCookie()
      .map((c) => (c.split(";")[0] ?? "").split("=") as [string, string])
      .map(([k, ...v]) => [k, v.join("=")]),
  );
}

/**
 * Signs each address in as Auth.js's email provider expects (csrf token, POST, the link from
 * the mail), and returns the session cookies. The console must mail through `mailApi`'s catcher.
 */
export async function signInOperators(base: string, mailApi: string, emails: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const email of emails) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = cookiesOf(csrf);
    const header = Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    const requested = await fetch(`${base}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: `${base}/users` }),
      redirect: "manual",
    });
    // Auth.js answers with a redirect to its "check your email" step; an error redirect names the error.
    if (requested.status !== 302 || /[?&]error=/.test(requested.headers.get("location") ?? "")) {
      throw new Error(`sign-in of ${email}: ${requested.status} ${requested.headers.get("location") ?? ""}`);
    }
    let link: string | undefined;
    for (let attempt = 0; !link && attempt < 100; attempt++) {
      const mails = (await (await fetch(`${mailApi}/messages`)).json()) as Mail[];
      link = mails.find((m) => m.to.includes(email))?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+/)?.[0];
      if (!link) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
    const callback = await fetch(link, { headers: { cookie: header }, redirect: "manual" });
    const session = cookiesOf(callback)["authjs.session-token"];
    if (!session) throw new Error(`the sign-in link of ${email} set no session cookie (${callback.status} ${callback.headers.get("location") ?? ""})`);
    cookies.push(`authjs.session-token=${session}`);
  }
  return cookies;
}

/** `process.memoryUsage()` as the server's memory probe writes it (scripts/lib/memory-probe.cjs). */
interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** The server's memory in MB: resident, V8's live heap and its reservation, and Buffers outside it. */
export interface MemoryFigures {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
}

const inMB = (usage: MemoryUsage): MemoryFigures => ({
  rssMB: round(usage.rss / 2 ** 20),
  heapUsedMB: round(usage.heapUsed / 2 ** 20),
  heapTotalMB: round(usage.heapTotal / 2 ** 20),
  externalMB: round(usage.external / 2 ** 20),
});

/**
 * Asks a server that preloads the memory probe (memoryProbeEnv) to run a full GC and report its
 * memory: as it was, and after the GC. A leak keeps what it holds through the GC.
 */
export async function memorySample(server: ChildProcess, dir: string): Promise<{ before: MemoryFigures; after: MemoryFigures }> {
  const before = new Set(readdirSync(dir));
  server.kill("SIGUSR2");
  // A heap snapshot of a large heap takes a while; a GC alone, well under a second.
  for (let attempt = 0; attempt < 1200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const file = readdirSync(dir).find((name) => name.endsWith(".json") && !before.has(name));
    if (!file) continue;
    const sample = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { before: MemoryUsage; after: MemoryUsage };
    return { before: inMB(sample.before), after: inMB(sample.after) };
  }
  throw new Error(`the server's memory probe did not answer in ${dir}`);
}

/**
 * The environment that has the console server preload the memory probe, answering in `dir`;
 * with `heapSnapshots`, each sample also writes a heap snapshot there.
 */
export function memoryProbeEnv(dir: string, heapSnapshots: string | undefined): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  if (heapSnapshots) mkdirSync(heapSnapshots, { recursive: true });
  return {
    NODE_OPTIONS: `--require ${JSON.stringify(path.join(import.meta.dirname, "memory-probe.cjs"))}`,
    GATEHOUSE_MEMORY_PROBE: dir,
    ...(heapSnapshots ? { GATEHOUSE_HEAP_SNAPSHOTS: path.resolve(heapSnapshots) } : {}),
  };
}

/** Resident memory of a process, in bytes (Linux). */
export function residentBytes(pid: number): number {
  const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

export interface LoadResult {
  operators: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  byRoute: Record<string, number>;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/**
 * One connection per operator, each with its own session cookie, each cycling through
 * `/users`, `/sessions` and `/users/<id>` (a random user each time), for `seconds`.
 */
export async function browseUnderLoad(base: string, cookies: string[], userIds: string[], seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const byRoute: Record<string, number> = {};
  let next = 0;
  const route = (path: string) => (request: autocannon.Request, state: object) => {
    // One context per connection: the first request of a connection picks its operator.
    const context = state as { cookie?: string };
    context.cookie ??= cookies[next++ % cookies.length];
    const target = path === "detail" ? `/users/${encodeURIComponent(userIds[Math.floor(Math.random() * userIds.length)] ?? "")}` : path;
    const name = path === "detail" ? "/users/<id>" : path;
    byRoute[name] = (byRoute[name] ?? 0) + 1;
    return { ...request, path: target, headers: { ...request.headers, cookie: String(context.cookie), accept: "text/html" } };
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: cookies.length,
        duration: seconds,
        timeout: 30,
        initialContext: {},
        requests: [{ setupRequest: route("/users") }, { setupRequest: route("/sessions") }, { setupRequest: route("detail") }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    operators: cookies.length,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / seconds),
    p50Ms: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    p99Ms: round(quantile(times, 0.99)),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    byRoute,
  };
}

export type LoadFigures = LoadResult & {
  rssColdMB: number;
  warmupSeconds: number;
  /** After the warm-up and a full GC. */
  start: MemoryFigures;
  /** At the end of the measured run: as it was, and after a full GC. */
  end: { before: MemoryFigures; after: MemoryFigures };
};

/**
 * The load section: operators sign in, a warm-up run brings the server to its working set, then
 * the measured run, with the server's memory after the warm-up and at the end, each time through
 * a full GC (see memorySample).
 */
export async function measureLoad(options: {
  server: ConsoleServer;
  mailApi: string;
  userIds: string[];
  operators: number;
  warmupSeconds: number;
  seconds: number;
  /** Where the server's memory probe answers (memoryProbeEnv). */
  probeDir: string;
}): Promise<LoadFigures> {
  const { server, userIds, operators: OPERATORS, warmupSeconds: LOAD_WARMUP, seconds: LOAD_SECONDS, probeDir } = options;
  const base = server.url;
  const pid = server.process.pid;
  if (pid === undefined) throw new Error("the console server did not start");
  log(`load: signing ${OPERATORS} operators in through the magic-link flow…`);
  const cookies = await signInOperators(
    base,
    options.mailApi,
    Array.from({ length: OPERATORS }, (_, i) => `load-operator-${i + 1}@ops.test`),
  );
  // Warm-up: the same load for --load-warmup seconds, so that "start" is the memory of a server
  // that has reached its working set under 20 concurrent renders (JIT code, V8's heap sized for
  // them), and growth is what the measured run kept on top of it.
  log(`load: warming up for ${LOAD_WARMUP} s…`);
  const rssCold = residentBytes(pid);
  if (LOAD_WARMUP > 0) await browseUnderLoad(base, cookies, userIds, LOAD_WARMUP);
  const start = (await memorySample(server.process, probeDir)).after;
  log(
    `load: ${OPERATORS} operators browse /users, /sessions and /users/<id> for ${LOAD_SECONDS} s (server RSS ${start.rssMB} MB, live heap ${start.heapUsedMB} MB)…`,
  );
  const result = await browseUnderLoad(base, cookies, userIds, LOAD_SECONDS);
  const end = await memorySample(server.process, probeDir);
  const load: LoadFigures = { ...result, rssColdMB: round(rssCold / 2 ** 20), warmupSeconds: LOAD_WARMUP, start, end };
  log(
    `load: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms, ${load.non2xx} non-2xx; ` +
      `RSS ${start.rssMB} → ${end.before.rssMB} MB (${end.after.rssMB} MB after a GC), live heap ${start.heapUsedMB} → ${end.after.heapUsedMB} MB, ` +
      `V8 heap reserved ${start.heapTotalMB} → ${end.before.heapTotalMB} MB, Buffers ${start.externalMB} → ${end.before.externalMB} MB`,
  );
  return load;
}
