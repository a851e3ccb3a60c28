import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import { userPath } from "./client.mjs";
import { dayOf } from "./commands/audit.mjs";
import { SESSION_REVOKE_PATH } from "./commands/sessions-revoke.mjs";
import { parseDuration } from "./duration.mjs";
import { run } from "./program.mjs";
import { formatFields, formatTable, time } from "./table.mjs";

const env = { GATEHOUSE_URL: "http://console.test/", GATEHOUSE_API_KEY: "gh_test" };
const ana = { id: "u-1", email: "ana@example.com", name: "Ana", image: null, emailVerified: null, block: null, lastSignInAt: null, lastSignInProvider: null, signInCount: 2 };
const found = { user: ana, counts: { accounts: 1, sessions: 2, verificationTokens: 0 } };
const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" } });

/**
 * Runs the CLI against a fake API: `routes` maps "METHOD /path" to a handler; every request is recorded.
 * @param {string[]} args
 * @param {Record<string, (request: { body: any, url: URL }) => Response>} routes
 */
async function cli(args, routes = {}, { tty = false, answer = "", environment = env } = {}) {
  const requests = [];
  let stdout = "";
  let stderr = "";
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  if (tty) setTimeout(() => stdin.write(answer), 20);
  const fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init.method, path: url.pathname, search: url.search, body, authorization: init.headers?.authorization });
    const handler = routes[`${init.method} ${url.pathname}`];
    return handler ? handler({ body, url }) : json({ type: "urn:gatehouse:problem:not-found", title: "Not found", status: 404, detail: "No such route." }, 404);
  };
  const io = { stdout: { write: (t) => (stdout += t) }, stderr: { write: (t) => (stderr += t) }, stdin, env: environment, fetch };
  const code = await run(args, io);
  return { code, stdout, stderr, requests };
}

describe("parseDuration", () => {
  test("reads s, m, h, d and w", () => {
    assert.equal(parseDuration("90s"), 90_000);
    assert.equal(parseDuration("15m"), 900_000);
    assert.equal(parseDuration("24h"), 86_400_000);
    assert.equal(parseDuration("7D"), 7 * 86_400_000);
    assert.equal(parseDuration("2w"), 14 * 86_400_000);
  });
  test("refuses anything else as bad usage (exit 2)", () => {
    for (const bad of ["", "24", "h", "0h", "-1h", "1.5h", "1y", "soon"]) {
      assert.throws(() => parseDuration(bad), (error) => error.code === 2 && /--since takes a duration/.test(error.message), bad);
    }
  });
});

describe("tables", () => {
  test("columns are padded to their widest cell; nothing is a dash; no trailing spaces", () => {
    const text = formatTable(
      [
        { header: "ID", value: (r) => r.id },
        { header: "EMAIL", value: (r) => r.email },
        { header: "N", value: (r) => r.n },
      ],
      [
        { id: "u-1", email: "ana@example.com", n: 3 },
        { id: "u-22", email: null, n: "multi\nline" },
      ],
    );
    assert.equal(text, ["ID    EMAIL            N", "u-1   ana@example.com  3", "u-22  -                multi line", ""].join("\n"));
  });
  test("fields align their labels; times are UTC to the second", () => {
    assert.equal(formatFields([["id", "u-1"], ["last sign-in", null]]), "id            u-1\nlast sign-in  -\n");
    assert.equal(time(Date.UTC(2026, 11, 2, 9, 5, 7, 123)), "2026-12-02 09:05:07Z");
    assert.equal(time("2026-12-02T09:05:07.000Z"), "2026-12-02 09:05:07Z");
    assert.equal(time(null), "-");
  });
});

describe("arguments and configuration", () => {
  test("--help for the program and every command exits 0", async () => {
    for (const args of [["--help"], ["users", "--help"], ["users", "find", "--help"], ["users", "sessions", "--help"], ["sessions", "revoke", "--help"], ["audit", "--help"], ["users", "block", "--help"], ["users", "unblock", "--help"], ["users", "delete", "--help"], ["users", "export", "--help"], ["accounts", "unlink", "--help"]]) {
      const { code, stdout } = await cli(args);
      assert.equal(code, 0, args.join(" "));
      assert.match(stdout, /^Usage: gatehouse/, args.join(" "));
    }
  });
  test("usage errors exit 2: unknown command, missing argument, missing --reason, bad --since", async () => {
    for (const args of [["bogus"], ["users", "find"], ["sessions", "revoke", "ana@example.com"], ["audit", "--since", "soon"], []]) {
      const { code, requests } = await cli(args);
      assert.equal(code, 2, args.join(" "));
      assert.equal(requests.length, 0);
    }
  });
  test("no URL or no key is bad usage (exit 2) and says which variable to set", async () => {
    const noUrl = await cli(["users", "find", "ana@example.com"], {}, { environment: { GATEHOUSE_API_KEY: "gh_x" } });
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /GATEHOUSE_URL/);
    const noKey = await cli(["users", "find", "ana@example.com"], {}, { environment: { GATEHOUSE_URL: "http://console.test" } });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /GATEHOUSE_API_KEY/);
  });
  test("--url and --key win over the environment", async () => {
    const { code, requests } = await cli(["--url", "http://other.test", "--key", "gh_flag", "users", "find", "u-1"], { "GET /api/v1/users/u-1": () => json(found) });
    assert.equal(code, 0);
    assert.equal(requests[0].authorization, "Bearer gh_flag");
  });
  test("a user with an @ is looked up by email, anything else by id (encoded)", () => {
    assert.equal(userPath("ana+x@example.com"), "/api/v1/users/by-email/ana%2Bx%40example.com");
    assert.equal(userPath("u 1/2"), "/api/v1/users/u%201%2F2");
  });
});

describe("commands against a fake API", () => {
  test("users find: a table by default, the API's JSON with --json", async () => {
    const routes = { "GET /api/v1/users/by-email/ana%40example.com": () => json(found) };
    const table = await cli(["users", "find", "ana@example.com"], routes);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^email\s+ana@example.com$/m);
    assert.match(table.stdout, /^sessions\s+2$/m);
    assert.match(table.stdout, /^blocked\s+no$/m);
    const asJson = await cli(["users", "find", "ana@example.com", "--json"], routes);
    assert.deepEqual(JSON.parse(asJson.stdout), found);
  });
  test("an API problem exits 1 with its title and detail on stderr", async () => {
    const { code, stdout, stderr } = await cli(["users", "find", "nobody@example.com"], {
      "GET /api/v1/users/by-email/nobody%40example.com": () => json({ type: "t", title: "Not found", status: 404, detail: "There is no user with the email nobody@example.com." }, 404),
    });
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(stderr, "gatehouse: Not found (404): There is no user with the email nobody@example.com.\n");
  });
  test("a network failure exits 1", async () => {
    const io = { stdout: { write() {} }, stderr: { write: (t) => (io.err += t) }, err: "", stdin: new PassThrough(), env, fetch: async () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })) };
    assert.equal(await run(["users", "find", "u-1"], io), 1);
    assert.match(io.err, /Network error: could not reach http:\/\/console.test \(ECONNREFUSED\)/);
  });
  test("users sessions resolves the user, then lists by fingerprint", async () => {
    const { code, stdout, requests } = await cli(["users", "sessions", "u-1"], {
      "GET /api/v1/users/u-1": () => json(found),
      "GET /api/v1/users/u-1/sessions": () => json({ sessions: [{ userId: "u-1", fingerprint: "fp-a", expires: Date.UTC(2027, 0, 1), live: true, lastActive: null }] }),
    });
    assert.equal(code, 0);
    assert.deepEqual(requests.map((r) => r.path), ["/api/v1/users/u-1", "/api/v1/users/u-1/sessions"]);
    assert.match(stdout, /^fp-a\s+live\s+2027-01-01 00:00:00Z\s+-$/m);
    assert.match(stdout, /1 session of ana@example.com/);
  });

  const revokeRoutes = (result = "ok", extra = {}) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/openapi.json": () => json({ openapi: "3.1.0", paths: { "/api/v1/users/{id}/sessions/revoke-all": { post: {} }, ...extra } }),
    "POST /api/v1/users/u-1/sessions/revoke-all": ({ body }) =>
      json(body.dryRun ? { dryRun: true, preview: { user: { id: "u-1", email: "ana@example.com" }, sessions: 2, fingerprints: ["fp-a", "fp-b"], guardActive: false, summary: "Ends 2 sessions of ana@example.com." } } : { dryRun: false, result, message: `${result} message`, counts: { sessions: 2 }, auditId: "a-1" }),
    "POST /api/v1/users/u-1/sessions/fp-a/revoke": ({ body }) => json({ dryRun: false, result: "ok", message: `one ${body.reason}`, counts: { sessions: 1 }, auditId: "a-2" }),
  });

  test("sessions revoke --dry-run sends dryRun: true and prints the preview", async () => {
    const { code, stdout, requests } = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--dry-run"], revokeRoutes());
    assert.equal(code, 0);
    assert.deepEqual(requests.at(-1).body, { reason: "leaked laptop", dryRun: true });
    assert.match(stdout, /Dry run, nothing changed. Ends 2 sessions/);
    assert.match(stdout, /^ {2}fp-b$/m);
  });
  test("sessions revoke without a TTY proceeds; ok exits 0, partial 3, refused 1", async () => {
    const ok = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes("ok"));
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout, "ok: ok message (audit a-1)\n");
    assert.deepEqual(ok.requests.filter((r) => r.method === "POST").map((r) => r.body), [{ reason: "leaked laptop", dryRun: false }]);
    const partial = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--json"], revokeRoutes("partial"));
    assert.equal(partial.code, 3);
    assert.equal(JSON.parse(partial.stdout).result, "partial");
    assert.equal(partial.stderr, "");
    assert.equal((await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes("refused"))).code, 1);
  });
  test("in a TTY it previews and asks; no means nothing is revoked (exit 1), yes revokes, --yes skips the question", async () => {
    const declined = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes(), { tty: true, answer: "n\n" });
    assert.equal(declined.code, 1);
    assert.match(declined.stderr, /Ends 2 sessions of ana@example.com/);
    assert.match(declined.stderr, /Revoke every session of ana@example.com\? \[y\/N\]/);
    assert.deepEqual(declined.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun), [true]);
    const accepted = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes(), { tty: true, answer: "y\n" });
    assert.equal(accepted.code, 0);
    assert.deepEqual(accepted.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun), [true, false]);
    const yes = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--yes"], revokeRoutes(), { tty: true });
    assert.equal(yes.code, 0);
    assert.deepEqual(yes.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun), [false]);
  });
  test("--fingerprint: exit 2 until the server's OpenAPI lists the per-session revoke, then it is used", async () => {
    const missing = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--fingerprint", "fp-a"], revokeRoutes());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not supported by this server yet/);
    assert.equal(missing.requests.filter((r) => r.method === "POST").length, 0);
    const present = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--fingerprint", "fp-a"], revokeRoutes("ok", { [SESSION_REVOKE_PATH]: { post: {} } }));
    assert.equal(present.code, 0, present.stderr);
    assert.equal(present.requests.at(-1).path, "/api/v1/users/u-1/sessions/fp-a/revoke");
    assert.match(present.stdout, /one leaked laptop/);
  });
  test("audit asks from the cutoff's day, keeps entries since the cutoff, and passes --operator", async () => {
    const now = Date.now();
    const entry = (id, ago) => ({ id, at: new Date(now - ago).toISOString(), operatorEmail: "ana@ops.test", operatorRole: "admin", action: "revoke-all-sessions", target: { email: "bob@example.com" }, reason: "why", result: "ok", counts: {} });
    const { code, stdout, requests } = await cli(["audit", "--since", "1h", "--operator", "ana@ops.test", "--json"], {
      "GET /api/v1/audit": () => json({ entries: [entry("new", 60_000), entry("old", 2 * 3600_000)], nextCursor: "more", stopped: null }),
    });
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout).entries.map((e) => e.id), ["new"]);
    assert.equal(requests.length, 1, "an entry older than the cutoff ends the walk");
    const query = new URLSearchParams(requests[0].search);
    assert.equal(query.get("from"), dayOf(now - 3600_000));
    assert.equal(query.get("operator"), "ana@ops.test");
    const table = await cli(["audit"], { "GET /api/v1/audit": () => json({ entries: [entry("new", 60_000)], nextCursor: null, stopped: null }) });
    assert.match(table.stdout, /^AT\s+OPERATOR\s+ACTION\s+TARGET\s+RESULT\s+REASON$/m);
    assert.match(table.stdout, /ana@ops.test\s+revoke-all-sessions\s+bob@example.com\s+ok\s+why/);
  });
});

describe("user actions against a fake API", () => {
  const problem = (status, title, detail) => json({ type: "t", title, status, detail }, status);
  const outcome = (result = "ok") => ({ dryRun: false, result, message: `${result} message`, counts: {}, auditId: "a-9" });
  /** Routes for one action: dry runs answer `preview`, the rest `final` (or a problem when `final` is a Response). */
  const actionRoutes = (route, preview, final = outcome()) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/users/by-email/ana%40example.com": () => json(found),
    [route]: ({ body }) => (body.dryRun ? json({ dryRun: true, preview }) : final instanceof Response ? final : json(final)),
  });
  const posts = (requests) => requests.filter((r) => r.method !== "GET").map((r) => r.body);

  const cases = [
    {
      name: "users block",
      args: ["users", "block", "ana@example.com", "--for", "7d", "--reason", "stuffing"],
      route: "POST /api/v1/users/u-1/block",
      body: { for: "7d", reason: "stuffing" },
      preview: { summary: "Blocks ana@example.com for 7 days and ends 2 sessions.", lines: [] },
      question: /Block ana@example.com \(7d\)\? \[y\/N\]/,
      conflict: problem(409, "Conflict", "ana@example.com is already blocked."),
    },
    {
      name: "users unblock",
      args: ["users", "unblock", "u-1", "--reason", "verified"],
      route: "POST /api/v1/users/u-1/unblock",
      body: { reason: "verified" },
      preview: { summary: "Unblocks ana@example.com." },
      question: /Unblock ana@example.com\? \[y\/N\]/,
      conflict: problem(403, "Forbidden", "This key lacks users:write."),
    },
    {
      name: "users delete",
      args: ["users", "delete", "u-1", "--reason", "erasure request"],
      route: "DELETE /api/v1/users/u-1",
      body: { reason: "erasure request" },
      preview: { lines: ["Deletes ana@example.com.", "1 account, 2 sessions."], warning: "Restorable for 7 days." },
      question: /Delete ana@example.com and everything of theirs\? \[y\/N\]/,
      conflict: problem(403, "Forbidden", "Only admins delete users."),
    },
    {
      name: "accounts unlink",
      args: ["accounts", "unlink", "u-1", "github", "12345", "--reason", "wrong one", "--confirm-email", "ana@example.com"],
      route: "POST /api/v1/users/u-1/accounts/unlink",
      body: { provider: "github", providerAccountId: "12345", reason: "wrong one", confirmEmail: "ana@example.com" },
      preview: { summary: "Unlinks github 12345 from ana@example.com.", warning: "It is their last way to sign in." },
      question: /Unlink github account 12345 from ana@example.com\? \[y\/N\]/,
      conflict: problem(409, "Conflict", "Their last way in: confirmEmail must be their email."),
    },
  ];

  for (const c of cases) {
    const [method, path] = c.route.split(" ");
    test(`${c.name}: without a TTY it acts once and prints the outcome; --json prints the API's answer`, async () => {
      const ok = await cli(c.args, actionRoutes(c.route, c.preview));
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, "ok: ok message (audit a-9)\n");
      assert.deepEqual(posts(ok.requests), [{ ...c.body, dryRun: false }]);
      assert.equal(ok.requests.at(-1).method, method);
      assert.equal(ok.requests.at(-1).path, path);
      const asJson = await cli([...c.args, "--json"], actionRoutes(c.route, c.preview));
      assert.deepEqual(JSON.parse(asJson.stdout), outcome());
      const partial = await cli([...c.args, "--json"], actionRoutes(c.route, c.preview, outcome("partial")));
      assert.equal(partial.code, 3);
      assert.equal(partial.stderr, "");
      assert.equal((await cli(c.args, actionRoutes(c.route, c.preview, outcome("refused")))).code, 1);
    });
    test(`${c.name} --dry-run sends dryRun: true and prints the preview (or its JSON)`, async () => {
      const dry = await cli([...c.args, "--dry-run"], actionRoutes(c.route, c.preview));
      assert.equal(dry.code, 0, dry.stderr);
      assert.deepEqual(posts(dry.requests), [{ ...c.body, dryRun: true }]);
      assert.match(dry.stdout, /^Dry run, nothing changed\. /);
      for (const line of [c.preview.summary, ...(c.preview.lines ?? []), c.preview.warning].filter(Boolean)) assert.ok(dry.stdout.includes(line), line);
      const asJson = await cli([...c.args, "--dry-run", "--json"], actionRoutes(c.route, c.preview));
      assert.deepEqual(JSON.parse(asJson.stdout), { dryRun: true, preview: c.preview });
    });
    test(`${c.name} in a TTY previews and asks; no changes nothing (exit 1), yes acts, --yes skips the question`, async () => {
      const declined = await cli(c.args, actionRoutes(c.route, c.preview), { tty: true, answer: "n\n" });
      assert.equal(declined.code, 1);
      assert.ok(declined.stderr.includes(c.preview.summary ?? c.preview.lines[0]));
      assert.match(declined.stderr, c.question);
      assert.deepEqual(posts(declined.requests).map((b) => b.dryRun), [true]);
      const accepted = await cli(c.args, actionRoutes(c.route, c.preview), { tty: true, answer: "y\n" });
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.deepEqual(posts(accepted.requests).map((b) => b.dryRun), [true, false]);
      const yes = await cli([...c.args, "--yes"], actionRoutes(c.route, c.preview), { tty: true });
      assert.equal(yes.code, 0);
      assert.deepEqual(posts(yes.requests).map((b) => b.dryRun), [false]);
    });
    test(`${c.name}: a ${c.conflict.status} problem exits 1 with its title and detail`, async () => {
      const expected = await c.conflict.clone().json();
      const failed = await cli(c.args, actionRoutes(c.route, c.preview, c.conflict));
      assert.equal(failed.code, 1);
      assert.equal(failed.stdout, "");
      assert.equal(failed.stderr, `gatehouse: ${expected.title} (${expected.status}): ${expected.detail}\n`);
    });
  }

  test("usage errors exit 2 and send nothing: bad or missing --for, missing --reason, missing arguments", async () => {
    for (const args of [
      ["users", "block", "u-1", "--for", "2d", "--reason", "stuffing"],
      ["users", "block", "u-1", "--reason", "stuffing"],
      ["users", "block", "u-1", "--for", "7d"],
      ["users", "block"],
      ["users", "unblock"],
      ["users", "delete", "u-1"],
      ["users", "delete"],
      ["users", "export"],
      ["accounts", "unlink", "u-1", "github"],
      ["accounts"],
    ]) {
      const { code, requests } = await cli(args);
      assert.equal(code, 2, args.join(" "));
      assert.equal(requests.length, 0, args.join(" "));
    }
    const badFor = await cli(["users", "block", "u-1", "--for", "2d", "--reason", "stuffing"]);
    assert.match(badFor.stderr, /1h, 24h, 7d, 30d, permanent/);
    assert.equal((await cli(["users", "unblock", "u-1", "--yes"], actionRoutes("POST /api/v1/users/u-1/unblock", {}))).requests.at(-1).body.reason, undefined, "no --reason sends none");
  });

  const exported = { schemaVersion: 1, userId: "u-1", user: { id: "u-1", email: "ana@example.com" }, accounts: [], sessions: [{ fingerprint: "fp-a", expires: null, live: true }], counts: { sessions: 1 } };
  const exportRoutes = (answer = () => new Response(JSON.stringify(exported), { headers: { "content-type": "application/json", "x-gatehouse-audit-id": "a-7" } })) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/users/u-1/export": answer,
  });
  test("users export streams the document to stdout as the API sent it", async () => {
    const { code, stdout, requests } = await cli(["users", "export", "u-1"], exportRoutes());
    assert.equal(code, 0);
    assert.equal(stdout, JSON.stringify(exported));
    assert.deepEqual(requests.map((r) => r.path), ["/api/v1/users/u-1", "/api/v1/users/u-1/export"]);
    assert.equal(posts(requests).length, 0);
  });
  test("users export -o writes the file and says so; --json says it as JSON", async () => {
    const { mkdtemp, readFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "gatehouse-cli-"));
    try {
      const file = join(dir, "ana.json");
      const table = await cli(["users", "export", "u-1", "-o", file], exportRoutes());
      assert.equal(table.code, 0, table.stderr);
      assert.deepEqual(JSON.parse(await readFile(file, "utf8")), exported);
      assert.equal(table.stdout, `Exported ana@example.com to ${file} (audit a-7)\n`);
      const asJson = await cli(["users", "export", "u-1", "--output", file, "--json"], exportRoutes());
      assert.deepEqual(JSON.parse(asJson.stdout), { userId: "u-1", file, auditId: "a-7" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  test("users export: a 403 problem exits 1 and writes nothing", async () => {
    const { code, stdout, stderr } = await cli(["users", "export", "u-1"], exportRoutes(() => problem(403, "Forbidden", "This key lacks users:write.")));
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(stderr, "gatehouse: Forbidden (403): This key lacks users:write.\n");
  });
});

test("the CLI talks HTTP only: no module of it imports the console's code", async () => {
  const { readdir, readFile } = await import("node:fs/promises");
  const dir = new URL(".", import.meta.url);
  const files = [...(await readdir(dir)).filter((f) => f.endsWith(".mjs")), ...(await readdir(new URL("commands/", dir))).map((f) => `commands/${f}`)];
  for (const file of files) {
    const source = await readFile(new URL(file, dir), "utf8");
    const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    for (const specifier of imports) assert.match(specifier, /^(node:|commander$|\.\.?\/(?!\.\.)[\w/-]+\.mjs$)/, `${file} imports ${specifier}`);
  }
});
