import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { AdapterSession } from "next-auth/adapters";
import { consoleMark } from "@/lib/auth/console-mark";
import type { TableSchema } from "@/lib/config";
import { log, quantile, round } from "./bench-measure";
import { root } from "./build";
import type { ConsoleServer } from "./console-server";

/** An operator session made by the real adapter in Gatehouse's table, to be sent as the session cookie. */
export async function operatorSession(doc: DynamoDBDocument, gatehouse: TableSchema, email: string): Promise<string> {
  const { createUser, createSession } = DynamoDBAdapter(doc, gatehouse);
  if (!createUser || !createSession) throw new Error("@auth/dynamodb-adapter no longer writes users and sessions");
  const operator = await createUser({ id: "", email, emailVerified: new Date(), name: "Bench Operator" });
  const sessionToken = randomUUID();
  // A console session as Gatehouse writes one: it carries the mark, or the console refuses it.
  const now = Date.now();
  await createSession({
    sessionToken,
    userId: operator.id,
    expires: new Date(now + 3600_000),
    ...{
      gatehouseConsole: consoleMark(String(process.env.AUTH_SECRET), sessionToken),
      signedInAt: now,
      lastUsedAt: now,
      clientIp: "127.0.0.1",
      userAgent: "bench",
    },
  } as AdapterSession);
  return sessionToken;
}

export interface PageFigures {
  path: string;
  status: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
  htmlScriptsGzipBytes: number;
}

/** The first page of each route over HTTP, signed in, two warm-ups then `runs` timed GETs. */
export async function benchFirstPages(options: {
  server: ConsoleServer;
  sessionToken: string;
  operatorEmail: string;
  routes: string[];
  runs: number;
  htmlDir: string | undefined;
}): Promise<PageFigures[]> {
  const { url: base, output } = options.server;
  const { htmlDir } = options;
  const get = async (route: string) => {
    const started = performance.now();
    const response = await fetch(`${base}${route}`, { headers: { cookie: `authjs.session-token=${options.sessionToken}` }, redirect: "manual" });
    const body = await response.text();
    if (htmlDir) {
      mkdirSync(htmlDir, { recursive: true });
      writeFileSync(path.join(htmlDir, `${route.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}.html`), body);
    }
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${route}: ${response.status} ${response.headers.get("location") ?? ""}\n${output().slice(-3000)}`);
    if (!body.includes(options.operatorEmail)) throw new Error(`GET ${route}: the page does not show the signed-in operator`);
    // noModule scripts (the legacy polyfills) are skipped by every browser that runs modules.
    const tags = [...body.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "").filter((attributes) => !/nomodule/i.test(attributes));
    return { ms, bytes: body.length, scripts: tags.flatMap((attributes) => attributes.match(/src="\/_next\/([^"?]+)/)?.[1] ?? []) };
  };
  const pages: PageFigures[] = [];
  for (const route of options.routes) {
    await get(route);
    await get(route); // two warm-ups
    const times: number[] = [];
    let bytes = 0;
    let scripts: string[] = [];
    for (let i = 0; i < options.runs; i++) {
      const r = await get(route);
      times.push(r.ms);
      bytes = r.bytes;
      scripts = r.scripts;
    }
    // Cross-check of the manifest figure: the script files this page's HTML actually loads.
    const htmlScriptsGzipBytes = [...new Set(scripts)].reduce((sum, f) => sum + gzipSync(readFileSync(path.join(root, ".next", f)), { level: 9 }).length, 0);
    const page = {
      path: route,
      status: 200,
      runs: options.runs,
      p50Ms: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      bytes,
      htmlScriptsGzipBytes,
    };
    pages.push(page);
    log(`GET ${route}: p50 ${page.p50Ms} ms, p95 ${page.p95Ms} ms, ${bytes.toLocaleString("en")} bytes of HTML`);
  }
  return pages;
}
