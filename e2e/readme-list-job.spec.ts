import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { expect, test } from "@playwright/test";
import { createApiKeyInConsole } from "./support/api-key";
import { startSpecConsoles } from "./support/spec-console";

/**
 * The README's curl example of a list job ("Automate it" → "1,000 users at once"), run as
 * written by bash against a console of this spec's own, with a key created at /settings/api-keys.
 * Only its first line (the URL and the key) is replaced, by the environment.
 */
const hasTools = ["bash", "curl", "jq"].every((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0);
test.skip(!hasTools, "needs bash, curl and jq");
test.describe.configure({ mode: "serial" });

function readmeExample(readme: string): string {
  const at = readme.indexOf("**API** (curl and jq;");
  expect(at, "the README's list job example").toBeGreaterThan(0);
  const start = readme.indexOf("```bash\n", at) + "```bash\n".length;
  const block = readme.slice(start, readme.indexOf("```\n", start));
  const [first, ...rest] = block.split("\n");
  expect(first).toMatch(/^export GATEHOUSE_URL=\S+ GATEHOUSE_API_KEY=gh_\.\.\./);
  return rest.join("\n");
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("the curl example: dry run, job, steps until the cursor is null, results as CSV, the audit trail", async ({ browser }) => {
  test.setTimeout(180_000);
  const consoles = await startSpecConsoles("readme-jobs", { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off" });
  const dir = await mkdtemp(path.join(tmpdir(), "readme-jobs-"));
  try {
    const url = consoles.servers[0]!.url;
    const key = await createApiKeyInConsole(browser, url, `readme-${randomUUID().slice(0, 6)}`, ["sessions:write"]);

    // 60 users with 2 sessions each (two steps of 50), a blank line, a duplicate and an unknown address.
    const adapter = DynamoDBAdapter(consoles.doc, consoles.product);
    const tag = randomUUID().slice(0, 6);
    const users = [];
    for (let i = 0; i < 60; i++) {
      const user = await adapter.createUser!({ id: "", email: `listed-${tag}-${i}@example.com`, emailVerified: new Date(), name: null });
      const tokens = [randomUUID(), randomUUID()];
      for (const sessionToken of tokens) await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
      users.push({ ...user, tokens });
    }
    const list = [...users.map((u) => u.email), "", users[0]!.email.toUpperCase(), `nobody-${tag}@example.com`];
    await writeFile(path.join(dir, "list.txt"), `${list.join("\n")}\n`);

    const readme = await readFile(path.join(process.cwd(), "README.md"), "utf8");
    const run = await bash(readmeExample(readme), dir, { GATEHOUSE_URL: url, GATEHOUSE_API_KEY: key });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"found": 60');
    expect(run.stdout).toContain(`nobody-${tag}@example.com`);
    expect(run.stdout).toMatch(/^job [0-9a-f-]{36}$/m);
    expect(run.stdout).toContain("Revoke all sessions: 50 of 61 listed entries done.");
    expect(run.stdout).toContain("Revoked all sessions of 60 listed users; 1 not found.");
    expect(run.stdout).toMatch(/"result": "ok"/);
    expect(run.stdout).toContain(`${users[1]!.email} ok Revoked 2 sessions of ${users[1]!.email}.`);

    const csv = (await readFile(path.join(dir, "results.csv"), "utf8")).trim().split("\n");
    expect(csv).toHaveLength(61);
    expect(csv[0]).toBe(`"${users[0]!.email}","ok","Revoked 2 sessions of ${users[0]!.email}."`);
    expect(csv.at(-1)).toContain(`"nobody-${tag}@example.com","not-found"`);

    for (const user of users) for (const token of user.tokens) expect(await adapter.getSessionAndUser!(token)).toBeNull();
  } finally {
    consoles.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
