import { randomUUID } from "node:crypto";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import type { ListJobStatus } from "@/lib/features/list-jobs/server";
import { adapterItems, type StoredItem, writeItems } from "./adapter-items";

/**
 * The benchmark's list job (issue 13): N users with S sessions each, in the adapter's shapes,
 * then revoke-all on the whole list the way a script does it: over HTTP through the served
 * console's /api/v1/jobs with an API key (dry run, create, steps until the cursor is null,
 * results). Afterwards every listed user's partition is queried: a session left is an error.
 */

export interface ListJobOptions {
  /** The served console. */
  base: string;
  /** An API key with read and sessions:write. */
  key: string;
  doc: DynamoDBDocument;
  product: TableSchema;
  users: number;
  sessionsPerUser: number;
  /** Users per step (the API's `size`). */
  step: number;
  log: (message: string) => void;
}

export interface ListJobFigures {
  users: number;
  sessionsPerUser: number;
  seeded: { items: number; seconds: number };
  dryRun: { ms: number; found: number };
  jobId: string;
  auditId: string;
  stepSize: number;
  steps: number;
  /** 409s (another step running) the loop waited out. */
  busyRetries: number;
  /** From POST /api/v1/jobs to the last step's answer, as the client saw it. */
  totalMs: number;
  /** The job's own elapsedMs: time spent inside steps on the server. */
  serverMs: number;
  perUserMs: number;
  writeRequests: number;
  writeUnits: number;
  writeUnitsPerSecond: number;
  counts: { ok: number; partial: number; failed: number; notFound: number };
  sessionsDeleted: number;
  sessionsLeft: number;
  results: number;
}

/** What the API answers for a job (lib/features/list-jobs/api.ts serialises ListJobStatus). */
type JobStatus = Pick<
  ListJobStatus,
  "id" | "state" | "total" | "processed" | "counts" | "writeUnits" | "writeRequests" | "elapsedMs" | "cursor" | "auditId" | "message"
>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchListJob(options: ListJobOptions): Promise<ListJobFigures> {
  const { base, key, doc, product, users, sessionsPerUser, log } = options;
  const build = adapterItems(product);
  const now = Date.now();
  const listed = Array.from({ length: users }, (_, i) => ({ id: randomUUID(), email: `bench-list-${String(i).padStart(5, "0")}@example.test` }));
  const items: StoredItem[] = [];
  for (const user of listed) {
    items.push(build.user(user.id, { email: user.email, name: `Listed ${user.email.slice(11, 16)}`, emailVerified: new Date(now) }));
    for (let s = 0; s < sessionsPerUser; s++)
      items.push(build.session(user.id, { sessionToken: randomUUID(), expires: new Date(now + 7 * 24 * 3600_000 + s) }));
  }
  const seedStarted = performance.now();
  const { written } = await writeItems(doc, product.tableName, items, { concurrency: 8 });
  const seeded = { items: written, seconds: Math.round((performance.now() - seedStarted) / 100) / 10 };
  const before = await sessionsOf(doc, product, listed);
  if (before !== users * sessionsPerUser) throw new Error(`list job: seeded ${before} sessions, expected ${users * sessionsPerUser}`);
  log(`list job: seeded ${users.toLocaleString("en")} users × ${sessionsPerUser} sessions (${written.toLocaleString("en")} items) in ${seeded.seconds} s`);

  const call = async <T>(method: "GET" | "POST", route: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, json: json as T };
  };
  const ok = async <T>(method: "GET" | "POST", route: string, body?: unknown): Promise<T> => {
    const { status, json } = await call<T>(method, route, body);
    if (status !== 200) throw new Error(`list job: ${method} ${route} answered ${status}: ${JSON.stringify(json)}`);
    return json;
  };

  const entries = listed.map((u) => u.email);
  const request = { action: "revoke-all", entries, reason: "bench: list job" };
  const dryStarted = performance.now();
  const dry = await ok<{ dryRun: true; preview: { found: number; notFound: string[] } }>("POST", "/api/v1/jobs", { ...request, dryRun: true });
  const dryRun = { ms: Math.round(performance.now() - dryStarted), found: dry.preview.found };
  if (dry.preview.found !== users)
    throw new Error(`list job: the dry run found ${dry.preview.found} of ${users} listed users (not found: ${dry.preview.notFound.slice(0, 5).join(", ")}…)`);
  log(`list job: dry run resolved ${dryRun.found.toLocaleString("en")} users in ${dryRun.ms} ms`);

  const started = performance.now();
  let { job } = await ok<{ job: JobStatus }>("POST", "/api/v1/jobs", request);
  let steps = 0;
  let busyRetries = 0;
  while (job.cursor) {
    const { status, json } = await call<{ job: JobStatus; step: { processed: number } }>("POST", `/api/v1/jobs/${job.id}/step`, {
      cursor: job.cursor,
      size: options.step,
    });
    if (status === 409) {
      busyRetries++;
      await sleep(1000);
      continue;
    }
    if (status !== 200) throw new Error(`list job: step ${steps + 1} answered ${status}: ${JSON.stringify(json)}`);
    job = json.job;
    steps++;
    if (steps % 5 === 0 || !job.cursor) {
      const ms = Math.round(performance.now() - started);
      log(`list job: ${job.processed.toLocaleString("en")} / ${job.total.toLocaleString("en")} after ${steps} steps (${ms} ms)`);
    }
  }
  const totalMs = Math.round(performance.now() - started);
  if (job.state !== "done" || job.processed !== users) throw new Error(`list job: ended ${job.state} at ${job.processed} of ${users}: ${job.message}`);
  if (job.counts.ok !== users) throw new Error(`list job: ${JSON.stringify(job.counts)}, expected ${users} ok: ${job.message}`);

  let results = 0;
  let cursor: string | null = null;
  do {
    const page: { results: { outcome: string }[]; nextCursor: string | null } = await ok(
      "GET",
      `/api/v1/jobs/${job.id}/results?limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
    );
    const bad = page.results.filter((r) => r.outcome !== "ok");
    if (bad.length) throw new Error(`list job: ${bad.length} results are not ok: ${JSON.stringify(bad.slice(0, 3))}`);
    results += page.results.length;
    cursor = page.nextCursor;
  } while (cursor);
  if (results !== users) throw new Error(`list job: ${results} results, expected ${users}`);

  const sessionsLeft = await sessionsOf(doc, product, listed);
  if (sessionsLeft !== 0) throw new Error(`list job: done, yet ${sessionsLeft} sessions of the listed users remain`);
  const figures: ListJobFigures = {
    users,
    sessionsPerUser,
    seeded,
    dryRun,
    jobId: job.id,
    auditId: job.auditId,
    stepSize: options.step,
    steps,
    busyRetries,
    totalMs,
    serverMs: job.elapsedMs,
    perUserMs: Math.round((totalMs / users) * 10) / 10,
    writeRequests: job.writeRequests,
    writeUnits: job.writeUnits,
    writeUnitsPerSecond: Math.round(job.writeUnits / (totalMs / 1000)),
    counts: job.counts,
    sessionsDeleted: before - sessionsLeft,
    sessionsLeft,
    results,
  };
  log(
    `list job: revoked ${figures.sessionsDeleted.toLocaleString("en")} sessions of ${users.toLocaleString("en")} users ` +
      `in ${steps} steps, ${(totalMs / 1000).toFixed(1)} s (${figures.perUserMs} ms/user), ` +
      `${figures.writeRequests.toLocaleString("en")} write requests, ${figures.writeUnits.toLocaleString("en")} WCU ` +
      `(${figures.writeUnitsPerSecond}/s); 0 sessions left`,
  );
  return figures;
}

/** The listed users' sessions, counted: one Query (COUNT) per user partition, strongly consistent. */
async function sessionsOf(doc: DynamoDBDocument, product: TableSchema, users: { id: string }[]): Promise<number> {
  const counts = await mapConcurrent(users, 16, async (user) => {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.query({
        TableName: product.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
        ExpressionAttributeNames: { "#pk": product.partitionKey, "#sk": product.sortKey },
        ExpressionAttributeValues: { ":pk": `USER#${user.id}`, ":session": "SESSION#" },
        Select: "COUNT",
        ConsistentRead: true,
        ExclusiveStartKey: start,
      });
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  });
  return counts.reduce((sum, n) => sum + n, 0);
}
