import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/**
 * Asks a server started with `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>` for a heap
 * snapshot (V8 runs a full GC first) and returns the live heap it holds: the sum of its nodes' self sizes.
 */
export async function heapSnapshot(server: ChildProcess, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  server.kill("SIGUSR2");
  for (let attempt = 0; attempt < 600; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const file = readdirSync(dir).find((name) => name.endsWith(".heapsnapshot") && !before.has(name));
    if (!file) continue;
    const full = path.join(dir, file);
    const size = statSync(full).size;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (statSync(full).size !== size) continue;
    try {
      const snapshot = JSON.parse(readFileSync(full, "utf8")) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
      const fields = snapshot.snapshot.meta.node_fields;
      const selfSize = fields.indexOf("self_size");
      let total = 0;
      for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) total += snapshot.nodes[i] ?? 0;
      return total;
    } catch {
      // still being written
    }
  }
  throw new Error(`no heap snapshot appeared in ${dir}`);
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
  rssStartMB: number;
  rssEndMB: number;
  /** With --heap-snapshots: the live JS heap (after a full GC) before and after the measured run. */
  heap?: { startMB: number; endMB: number };
};

/**
 * The load section: operators sign in, a warm-up run brings the server to its working set, then
 * the measured run, with the server's resident memory (and, with `heapSnapshots`, its live heap)
 * before and after.
 */
export async function measureLoad(options: {
  server: ConsoleServer;
  mailApi: string;
  userIds: string[];
  operators: number;
  warmupSeconds: number;
  seconds: number;
  heapSnapshots: string | undefined;
}): Promise<LoadFigures> {
  const { server, userIds, operators: OPERATORS, warmupSeconds: LOAD_WARMUP, seconds: LOAD_SECONDS } = options;
  const base = server.url;
  const pid = server.process.pid;
  if (pid === undefined) throw new Error("the console server did not start");
  const snapshots = options.heapSnapshots ? path.resolve(options.heapSnapshots) : undefined;
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
  const heapStart = snapshots ? await heapSnapshot(server.process, snapshots) : undefined;
  const rssStart = residentBytes(pid);
  log(`load: ${OPERATORS} operators browse /users, /sessions and /users/<id> for ${LOAD_SECONDS} s (server RSS ${round(rssStart / 2 ** 20)} MB)…`);
  const result = await browseUnderLoad(base, cookies, userIds, LOAD_SECONDS);
  const rssEnd = residentBytes(pid);
  let heap: LoadFigures["heap"];
  if (heapStart !== undefined && snapshots) {
    const heapEnd = await heapSnapshot(server.process, snapshots);
    heap = { startMB: round(heapStart / 2 ** 20), endMB: round(heapEnd / 2 ** 20) };
    log(`load: live JS heap after a full GC ${heap.startMB} → ${heap.endMB} MB (snapshots in ${options.heapSnapshots})`);
  }
  const load: LoadFigures = {
    heap,
    ...result,
    rssColdMB: round(rssCold / 2 ** 20),
    warmupSeconds: LOAD_WARMUP,
    rssStartMB: round(rssStart / 2 ** 20),
    rssEndMB: round(rssEnd / 2 ** 20),
  };
  log(
    `load: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p95 ${load.p95Ms} ms, p99 ${load.p99Ms} ms, ` +
      `${load.non2xx} non-2xx, RSS ${load.rssStartMB} → ${load.rssEndMB} MB`,
  );
  return load;
}
