import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, test } from "@playwright/test";
import { createApiKeyInConsole } from "./support/api-key";
import { startSpecConsoles } from "./support/spec-console";

/**
 * `gatehouse bulk` (issue 13) against a console of this spec's own: a revoke-all of 200 users run
 * in small steps, stopped with Ctrl-C after its first steps, resumed from the id it printed, and
 * checked through DynamoDB.
 */
test.describe.configure({ mode: "serial" });
let consoles: Awaited<ReturnType<typeof startSpecConsoles>>;
let url: string;
let key: string;
let dir: string;

const cliPath = path.join(process.cwd(), "cli/gatehouse.mjs");

/** The CLI as a script runs it (no TTY); the child, to interrupt, and its outcome. */
function start(args: string[]) {
  const { GATEHOUSE_URL: _u, GATEHOUSE_API_KEY: _k, ...base } = process.env;
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...base, GATEHOUSE_URL: url, GATEHOUSE_API_KEY: key }, stdio: ["pipe", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (output.stdout += chunk));
  child.stderr.on("data", (chunk) => (output.stderr += chunk));
  child.stdin.end();
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...output }));
  });
  return { child, output, done };
}
const gatehouse = (args: string[]) => start(args).done;

async function jobStatus(id: string) {
  const response = await fetch(`${url}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  return (await response.json()).job as { processed: number; total: number; state: string };
}

async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  consoles = await startSpecConsoles("cli-bulk", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  url = consoles.servers[0]!.url;
  dir = await mkdtemp(path.join(tmpdir(), "gatehouse-cli-bulk-"));
  key = await createApiKeyInConsole(browser, url, `cli-bulk-${randomUUID().slice(0, 6)}`);
});
test.afterAll(async () => {
  consoles?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("bulk revoke-all of 200 users: dry run, stopped by Ctrl-C after its first steps, resumed by its id to the end; every session gone", async () => {
  test.setTimeout(240_000);
  const adapter = DynamoDBAdapter(consoles.doc, consoles.product);
  const tag = randomUUID().slice(0, 6);
  const users: { id: string; email: string; tokens: string[] }[] = [];
  for (let batch = 0; batch < 10; batch++) {
    users.push(
      ...(await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const email = `bulk-${tag}-${batch * 20 + i}@example.com`;
          const user = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: `Bulk ${batch * 20 + i}` });
          const tokens = [randomUUID(), randomUUID()];
          for (const sessionToken of tokens) await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
          return { id: user.id, email, tokens };
        }),
      )),
    );
  }
  const missing = [`nobody-${tag}-1@example.com`, `nobody-${tag}-2@example.com`];
  const file = path.join(dir, "list.txt");
  await writeFile(
    file,
    [...users.slice(0, 100).map((u) => u.email), "", missing[0], users[0]!.email, ...users.slice(100).map((u) => u.email), missing[1], ""].join("\n"),
  );
  const sessionsOf = async (userId: string) => {
    const schema = consoles.product;
    const { Count } = await consoles.doc.query({
      TableName: schema.tableName,
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :session)",
      ExpressionAttributeNames: { "#pk": schema.partitionKey, "#sk": schema.sortKey },
      ExpressionAttributeValues: { ":pk": `USER#${userId}`, ":session": "SESSION#" },
      Select: "COUNT",
    });
    return Count ?? 0;
  };

  const dry = await gatehouse(["bulk", "revoke-all", "--from", file, "--reason", "cli bulk e2e", "--dry-run", "--json"]);
  expect(dry.code, dry.stderr).toBe(0);
  expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, preview: { action: "revoke-all", total: 202, found: 200, notFound: missing } });
  const dryTable = await gatehouse(["bulk", "revoke-all", "--from", file, "--reason", "cli bulk e2e", "--dry-run"]);
  expect(dryTable.code, dryTable.stderr).toBe(0);
  expect(dryTable.stdout).toMatch(/^Dry run, nothing changed\. 200 users found of 202 listed entries$/m);
  expect(dryTable.stdout).toContain(`Not found (2):\n  ${missing[0]}\n  ${missing[1]}\n`);
  expect(dryTable.stdout).toContain("Left out of the list sent: 1 blank line, 1 duplicate");
  expect(await sessionsOf(users[0]!.id)).toBe(2);

  expect((await gatehouse(["bulk", "block", "--from", file, "--reason", "cli bulk e2e"])).code).toBe(2);
  expect((await gatehouse(["bulk", "revoke-all", "--from", file, "--reason", "cli bulk e2e", "--for", "7d"])).code).toBe(2);

  // Two users a step: a hundred steps, so Ctrl-C lands long before the end.
  const run = start(["bulk", "revoke-all", "--from", file, "--reason", "cli bulk e2e", "--yes", "--step", "2", "--json"]);
  const startedLine = await until(
    () => run.output.stderr,
    (text) => /^Job \S+ started; if it stops, continue it with: gatehouse bulk --resume \S+\n/.test(text),
  );
  const jobId = /^Job (\S+) started/.exec(startedLine)![1]!;
  await until(
    () => jobStatus(jobId),
    (job) => job.processed > 0,
  );
  run.child.kill("SIGINT");
  const stopped = await run.done;
  expect(stopped.code, stopped.stderr).toBe(3);
  expect(stopped.stderr).toContain(`Stopped at `);
  expect(stopped.stderr).toMatch(new RegExp(`Continue it with: gatehouse bulk --resume ${jobId}\\n$`));
  const partway = JSON.parse(stopped.stdout);
  expect(partway.job).toMatchObject({ id: jobId, state: "running", total: 202 });
  expect(partway.job.processed).toBeGreaterThan(0);
  expect(partway.job.processed).toBeLessThan(202);
  expect(partway.results).toHaveLength(partway.job.processed);
  expect((await jobStatus(jobId)).processed).toBe(partway.job.processed);

  const resumed = await gatehouse(["bulk", "--resume", jobId, "--step", "50", "--json"]);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(resumed.stderr).toBe(`Job ${jobId} resumed at ${partway.job.processed}/202; if it stops, continue it with: gatehouse bulk --resume ${jobId}\n`);
  const answer = JSON.parse(resumed.stdout);
  expect(Object.keys(answer).sort()).toEqual(["job", "results"]);
  expect(answer.job).toMatchObject({
    id: jobId,
    action: "revoke-all",
    state: "done",
    cursor: null,
    total: 202,
    processed: 202,
    counts: { ok: 200, partial: 0, failed: 0, notFound: 2 },
    reason: "cli bulk e2e",
  });
  expect(answer.job.auditId).toEqual(expect.any(String));
  expect(answer.job.writeUnits).toBeGreaterThan(0);
  expect(answer.results).toHaveLength(202);
  for (const row of answer.results) expect(Object.keys(row).sort()).toEqual(["email", "entry", "message", "outcome", "userId"]);
  expect(answer.results.filter((r: { outcome: string }) => r.outcome === "ok")).toHaveLength(200);
  expect(answer.results.filter((r: { outcome: string }) => r.outcome === "not-found").map((r: { entry: string }) => r.entry)).toEqual(missing);

  for (const user of users) expect(await sessionsOf(user.id), user.email).toBe(0);
  for (const token of users[150]!.tokens) expect(await adapter.getSessionAndUser!(token)).toBeNull();

  const summary = await gatehouse(["bulk", "--resume", jobId]);
  expect(summary.code, summary.stderr).toBe(0);
  expect(summary.stderr).toBe("");
  expect(summary.stdout).toMatch(/^ok\s+200$/m);
  expect(summary.stdout).toMatch(/^not found\s+2$/m);
  expect(summary.stdout).toMatch(/^total\s+202$/m);
  expect(summary.stdout.split("\n")).toContain(`audit        ${answer.job.auditId}`);
  expect(summary.stdout).toMatch(/^Not ok \(2\):$/m);
  for (const entry of missing) expect(summary.stdout).toMatch(new RegExp(`^${entry}\\s+not-found\\s`, "m"));
});
