import assert from "node:assert/strict";
import * as childProcess from "node:child_process";
import http from "node:http";
import { PassThrough } from "node:stream";
import { after, describe, test } from "node:test";
import { userPath } from "./client.mjs";
import { ACTIVITY_TYPES } from "./commands/activity.mjs";
import { dayOf } from "./commands/audit.mjs";
import { SESSION_REVOKE_PATH } from "./commands/sessions-revoke.mjs";
import { parseDuration } from "./duration.mjs";
import { run } from "./program.mjs";
import { formatFields, formatTable, time } from "./table.mjs";

const env = { GATEHOUSE_URL: "http://console.test/", GATEHOUSE_API_KEY: "gh_test" };
const ana = {
  id: "u-1",
  email: "ana@example.com",
  name: "Ana",
  image: null,
  emailVerified: null,
  block: null,
  lastSignInAt: null,
  lastSignInProvider: null,
  signInCount: 2,
};
const found = { user: ana, counts: { accounts: 1, sessions: 2, verificationTokens: 0 } };
const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" } });

/**
 * Runs the CLI against a fake API: `routes` maps "METHOD /path" to a handler; every request is recorded.
 * @param {string[]} args
 * @param {Record<string, (request: { body: any, url: URL }) => Response>} routes
 */
async function cli(args, routes = {}, { tty = false, answer = "", environment = env, stderrTTY = false, input = undefined, hooks = {} } = {}) {
  const requests = [];
  const log = []; // stderr writes and requests, in order
  const sleeps = [];
  let stdout = "";
  let stderr = "";
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  if (tty) setTimeout(() => stdin.write(answer), 20);
  if (input !== undefined) stdin.end(input);
  const fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init.method, path: url.pathname, search: url.search, body, authorization: init.headers?.authorization });
    log.push(`${init.method} ${url.pathname}`);
    const handler = routes[`${init.method} ${url.pathname}`];
    return handler ? handler({ body, url }) : json({ type: "urn:gatehouse:problem:not-found", title: "Not found", status: 404, detail: "No such route." }, 404);
  };
  const io = {
    stdout: { write: (t) => (stdout += t) },
    stderr: {
      write: (t) => {
        log.push(t);
        stderr += t;
        return stderr;
      },
      isTTY: stderrTTY,
    },
    stdin,
    env: environment,
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    onInterrupt: (listener) => {
      hooks.interrupt = listener;
      return () => {
        hooks.interrupt = null;
      };
    },
    onStop: (listener) => {
      hooks.stop = listener;
      return () => {
        hooks.stop = null;
      };
    },
  };
  const code = await run(args, io);
  return { code, stdout, stderr, requests, log, sleeps };
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
      assert.throws(
        () => parseDuration(bad),
        (error) => error.code === 2 && /--since takes a duration/.test(error.message),
        bad,
      );
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
    assert.equal(
      formatFields([
        ["id", "u-1"],
        ["last sign-in", null],
      ]),
      "id            u-1\nlast sign-in  -\n",
    );
    assert.equal(time(Date.UTC(2026, 11, 2, 9, 5, 7, 123)), "2026-12-02 09:05:07Z");
    assert.equal(time("2026-12-02T09:05:07.000Z"), "2026-12-02 09:05:07Z");
    assert.equal(time(null), "-");
  });
});

describe("arguments and configuration", () => {
  test("--help for the program and every command exits 0", async () => {
    for (const args of [
      ["--help"],
      ["users", "--help"],
      ["users", "find", "--help"],
      ["users", "sessions", "--help"],
      ["sessions", "revoke", "--help"],
      ["audit", "--help"],
      ["activity", "--help"],
      ["stats", "--help"],
      ["users", "block", "--help"],
      ["users", "unblock", "--help"],
      ["users", "delete", "--help"],
      ["users", "export", "--help"],
      ["accounts", "unlink", "--help"],
      ["bulk", "--help"],
    ]) {
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
    const { code, requests } = await cli(["--url", "http://other.test", "--key", "gh_flag", "users", "find", "u-1"], {
      "GET /api/v1/users/u-1": () => json(found),
    });
    assert.equal(code, 0);
    assert.equal(requests[0].authorization, "Bearer gh_flag");
  });
  test("a user with an @ is looked up by email, anything else by id (encoded)", () => {
    assert.equal(userPath("ana+x@example.com"), "/api/v1/emails/ana%2Bx%40example.com/user");
    assert.equal(userPath("u 1/2"), "/api/v1/users/u%201%2F2");
  });
});

describe("commands against a fake API", () => {
  test("users find: a table by default, the API's JSON with --json", async () => {
    const routes = { "GET /api/v1/emails/ana%40example.com/user": () => json(found) };
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
      "GET /api/v1/emails/nobody%40example.com/user": () =>
        json({ type: "t", title: "Not found", status: 404, detail: "There is no user with the email nobody@example.com." }, 404),
    });
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(stderr, "gatehouse: Not found (404): There is no user with the email nobody@example.com.\n");
  });
  test("a network failure exits 1", async () => {
    const io = {
      stdout: { write() {} },
      stderr: { write: (t) => (io.err += t) },
      err: "",
      stdin: new PassThrough(),
      env,
      fetch: async () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })),
    };
    assert.equal(await run(["users", "find", "u-1"], io), 1);
    assert.match(io.err, /Network error: could not reach http:\/\/console.test \(ECONNREFUSED\)/);
  });
  test("users sessions resolves the user, then lists by fingerprint", async () => {
    const { code, stdout, requests } = await cli(["users", "sessions", "u-1"], {
      "GET /api/v1/users/u-1": () => json(found),
      "GET /api/v1/users/u-1/sessions": () =>
        json({ sessions: [{ userId: "u-1", fingerprint: "fp-a", expires: Date.UTC(2027, 0, 1), live: true, lastActive: null }] }),
    });
    assert.equal(code, 0);
    assert.deepEqual(
      requests.map((r) => r.path),
      ["/api/v1/users/u-1", "/api/v1/users/u-1/sessions"],
    );
    assert.match(stdout, /^fp-a\s+live\s+2027-01-01 00:00:00Z\s+-$/m);
    assert.match(stdout, /1 session of ana@example.com/);
  });

  const revokeRoutes = (result = "ok", extra = {}) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/openapi.json": () => json({ openapi: "3.1.0", paths: { "/api/v1/users/{id}/sessions/revoke-all": { post: {} }, ...extra } }),
    "POST /api/v1/users/u-1/sessions/revoke-all": ({ body }) =>
      json(
        body.dryRun
          ? {
              dryRun: true,
              preview: {
                user: { id: "u-1", email: "ana@example.com" },
                sessions: 2,
                fingerprints: ["fp-a", "fp-b"],
                guardActive: false,
                summary: "Ends 2 sessions of ana@example.com.",
              },
            }
          : { dryRun: false, result, message: `${result} message`, counts: { sessions: 2 }, auditId: "a-1" },
      ),
    "POST /api/v1/users/u-1/sessions/fp-a/revoke": ({ body }) =>
      json({ dryRun: false, result: "ok", message: `one ${body.reason}`, counts: { sessions: 1 }, auditId: "a-2" }),
  });

  test("sessions revoke --dry-run sends dryRun: true and prints the preview", async () => {
    const { code, stdout, requests } = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--dry-run"], revokeRoutes());
    assert.equal(code, 0);
    assert.deepEqual(requests.at(-1).body, { reason: "leaked laptop", dryRun: true });
    assert.match(stdout, /Dry run, nothing changed. Ends 2 sessions/);
    assert.match(stdout, /^ {2}fp-b$/m);
  });
  test("sessions revoke without a TTY proceeds with --yes; ok exits 0, partial 3, refused 1", async () => {
    const ok = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--yes"], revokeRoutes("ok"));
    assert.equal(ok.code, 0);
    assert.equal(ok.stdout, "ok: ok message (audit a-1)\n");
    assert.deepEqual(
      ok.requests.filter((r) => r.method === "POST").map((r) => r.body),
      [{ reason: "leaked laptop", dryRun: false }],
    );
    const partial = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--yes", "--json"], revokeRoutes("partial"));
    assert.equal(partial.code, 3);
    assert.equal(JSON.parse(partial.stdout).result, "partial");
    assert.equal(partial.stderr, "");
    assert.equal((await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--yes"], revokeRoutes("refused"))).code, 1);
  });
  test("in a TTY it previews and asks; no means nothing is revoked (exit 1), yes revokes, --yes skips the question", async () => {
    const declined = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes(), { tty: true, answer: "n\n" });
    assert.equal(declined.code, 1);
    assert.match(declined.stderr, /Ends 2 sessions of ana@example.com/);
    assert.match(declined.stderr, /Revoke every session of ana@example.com\? \[y\/N\]/);
    assert.deepEqual(
      declined.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun),
      [true],
    );
    const accepted = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop"], revokeRoutes(), { tty: true, answer: "y\n" });
    assert.equal(accepted.code, 0);
    assert.deepEqual(
      accepted.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun),
      [true, false],
    );
    const yes = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--yes"], revokeRoutes(), { tty: true });
    assert.equal(yes.code, 0);
    assert.deepEqual(
      yes.requests.filter((r) => r.method === "POST").map((r) => r.body.dryRun),
      [false],
    );
  });
  test("--fingerprint: exit 2 until the server's OpenAPI lists the per-session revoke, then it is used", async () => {
    const missing = await cli(["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--fingerprint", "fp-a", "--yes"], revokeRoutes());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not supported by this server yet/);
    assert.equal(missing.requests.filter((r) => r.method === "POST").length, 0);
    const present = await cli(
      ["sessions", "revoke", "u-1", "--reason", "leaked laptop", "--fingerprint", "fp-a", "--yes"],
      revokeRoutes("ok", { [SESSION_REVOKE_PATH]: { post: {} } }),
    );
    assert.equal(present.code, 0, present.stderr);
    assert.equal(present.requests.at(-1).path, "/api/v1/users/u-1/sessions/fp-a/revoke");
    assert.match(present.stdout, /one leaked laptop/);
  });
  test("audit asks from the cutoff's day, keeps entries since the cutoff, and passes --operator", async () => {
    const now = Date.now();
    const entry = (id, ago) => ({
      id,
      at: new Date(now - ago).toISOString(),
      operatorEmail: "ana@ops.test",
      operatorRole: "admin",
      action: "revoke-all-sessions",
      target: { email: "bob@example.com" },
      reason: "why",
      result: "ok",
      counts: {},
    });
    const { code, stdout, requests } = await cli(["audit", "--since", "1h", "--operator", "ana@ops.test", "--json"], {
      "GET /api/v1/audit": () => json({ entries: [entry("new", 60_000), entry("old", 3 * 3600_000)], nextCursor: "more", stopped: null }),
    });
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(stdout).entries.map((e) => e.id),
      ["new"],
    );
    assert.equal(requests.length, 1, "an entry keyed more than an hour before the cutoff ends the walk");
    const query = new URLSearchParams(requests[0].search);
    assert.equal(query.get("from"), dayOf(now - 3600_000));
    assert.equal(query.get("operator"), "ana@ops.test");
    const table = await cli(["audit"], { "GET /api/v1/audit": () => json({ entries: [entry("new", 60_000)], nextCursor: null, stopped: null }) });
    assert.match(table.stdout, /^AT\s+OPERATOR\s+ACTION\s+TARGET\s+RESULT\s+REASON$/m);
    assert.match(table.stdout, /ana@ops.test\s+revoke-all-sessions\s+bob@example.com\s+ok\s+why/);
  });
  test("audit lists a collapsed entry at its latest time, across pages, and keeps it when only its latest repeat is since the cutoff", async () => {
    // Minutes after an hour ago; with --since 30m the cutoff is at 30, minutes from every entry.
    const base = Date.now() - 3600_000;
    const at = (minutes) => new Date(base + minutes * 60_000).toISOString();
    const entry = (id, first, last = null) => ({
      id,
      at: at(first),
      lastAt: last === null ? null : at(last),
      operatorEmail: "k@ops.test",
      operatorRole: "api-key",
      action: "api-read",
      target: {},
      reason: null,
      result: "ok",
      counts: {},
    });
    const pages = [
      { entries: [entry("e-50", 50), entry("e-40", 40)], nextCursor: "p2", stopped: null },
      // The API's second page: the collapsed entry is keyed at the start of its hour, so it comes last.
      { entries: [entry("e-35", 35), entry("collapsed", 0, 45), entry("e-20", 20)], nextCursor: "p3", stopped: null },
      { entries: [entry("e-past", -100)], nextCursor: "p4", stopped: null },
    ];
    const since = "30m";
    const { code, stdout, requests } = await cli(["audit", "--since", since, "--json"], {
      "GET /api/v1/audit": ({ url }) => json(pages[{ p2: 1, p3: 2 }[url.searchParams.get("cursor")] ?? 0]),
    });
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(stdout).entries.map((e) => e.id),
      ["e-50", "collapsed", "e-40", "e-35"],
    );
    assert.equal(requests.length, 3, "the walk goes on until an entry keyed an hour before the cutoff");
    const table = await cli(["audit", "--since", since], {
      "GET /api/v1/audit": ({ url }) => json(pages[{ p2: 1, p3: 2 }[url.searchParams.get("cursor")] ?? 0]),
    });
    assert.match(
      table.stdout,
      new RegExp(`^${time(at(45)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+k@ops.test`, "m"),
      "the AT column shows the latest repeat",
    );
  });
});

describe("user actions against a fake API", () => {
  const problem = (status, title, detail) => json({ type: "t", title, status, detail }, status);
  const outcome = (result = "ok") => ({ dryRun: false, result, message: `${result} message`, counts: {}, auditId: "a-9" });
  /** Routes for one action: dry runs answer `preview`, the rest `final` (or a problem when `final` is a Response). */
  const actionRoutes = (route, preview, final = outcome()) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/emails/ana%40example.com/user": () => json(found),
    [route]: ({ body }) => (body.dryRun ? json({ dryRun: true, preview }) : final instanceof Response ? final : json(final)),
  });
  const posts = (requests) => requests.filter((r) => r.method !== "GET").map((r) => r.body);

  const cases = [
    {
      name: "users block",
      // Takes something away: a script must say --yes.
      script: ["--yes"],
      args: ["users", "block", "ana@example.com", "--for", "7d", "--reason", "stuffing"],
      route: "POST /api/v1/users/u-1/block",
      body: { for: "7d", reason: "stuffing" },
      preview: { summary: "Blocks ana@example.com for 7 days and ends 2 sessions.", lines: [] },
      question: /Block ana@example.com \(7d\)\? \[y\/N\]/,
      conflict: problem(409, "Conflict", "ana@example.com is already blocked."),
    },
    {
      name: "users unblock",
      script: [],
      args: ["users", "unblock", "u-1", "--reason", "verified"],
      route: "POST /api/v1/users/u-1/unblock",
      body: { reason: "verified" },
      preview: { summary: "Unblocks ana@example.com." },
      question: /Unblock ana@example.com\? \[y\/N\]/,
      conflict: problem(403, "Forbidden", "This key lacks users:write."),
    },
    {
      name: "users delete",
      // Takes something away: a script must say --yes.
      script: ["--yes"],
      args: ["users", "delete", "u-1", "--reason", "erasure request"],
      route: "DELETE /api/v1/users/u-1",
      body: { reason: "erasure request" },
      preview: { lines: ["Deletes ana@example.com.", "1 account, 2 sessions."], warning: "Restorable for 7 days." },
      question: /Delete ana@example.com and everything of theirs\? \[y\/N\]/,
      conflict: problem(403, "Forbidden", "Only admins delete users."),
    },
    {
      name: "accounts unlink",
      // Takes something away: a script must say --yes.
      script: ["--yes"],
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
    test(`${c.name}: without a TTY${c.script.length ? " and with --yes" : ""} it acts once and prints the outcome; --json prints the API's answer`, async () => {
      const ok = await cli([...c.args, ...c.script], actionRoutes(c.route, c.preview));
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, "ok: ok message (audit a-9)\n");
      assert.deepEqual(posts(ok.requests), [{ ...c.body, dryRun: false }]);
      assert.equal(ok.requests.at(-1).method, method);
      assert.equal(ok.requests.at(-1).path, path);
      const asJson = await cli([...c.args, ...c.script, "--json"], actionRoutes(c.route, c.preview));
      assert.deepEqual(JSON.parse(asJson.stdout), outcome());
      const partial = await cli([...c.args, ...c.script, "--json"], actionRoutes(c.route, c.preview, outcome("partial")));
      assert.equal(partial.code, 3);
      assert.equal(partial.stderr, "");
      assert.equal((await cli([...c.args, ...c.script], actionRoutes(c.route, c.preview, outcome("refused")))).code, 1);
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
      assert.deepEqual(
        posts(declined.requests).map((b) => b.dryRun),
        [true],
      );
      const accepted = await cli(c.args, actionRoutes(c.route, c.preview), { tty: true, answer: "y\n" });
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.deepEqual(
        posts(accepted.requests).map((b) => b.dryRun),
        [true, false],
      );
      const yes = await cli([...c.args, "--yes"], actionRoutes(c.route, c.preview), { tty: true });
      assert.equal(yes.code, 0);
      assert.deepEqual(
        posts(yes.requests).map((b) => b.dryRun),
        [false],
      );
    });
    test(`${c.name}: a ${c.conflict.status} problem exits 1 with its title and detail`, async () => {
      const expected = await c.conflict.clone().json();
      const failed = await cli([...c.args, ...c.script], actionRoutes(c.route, c.preview, c.conflict));
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
    assert.equal(
      (await cli(["users", "unblock", "u-1", "--yes"], actionRoutes("POST /api/v1/users/u-1/unblock", {}))).requests.at(-1).body.reason,
      undefined,
      "no --reason sends none",
    );
  });

  const exported = {
    schemaVersion: 1,
    userId: "u-1",
    user: { id: "u-1", email: "ana@example.com" },
    accounts: [],
    sessions: [{ fingerprint: "fp-a", expires: null, live: true }],
    counts: { sessions: 1 },
  };
  const exportRoutes = (
    answer = () => new Response(JSON.stringify(exported), { headers: { "content-type": "application/json", "x-gatehouse-audit-id": "a-7" } }),
  ) => ({
    "GET /api/v1/users/u-1": () => json(found),
    "GET /api/v1/users/u-1/export": answer,
  });
  test("users export streams the document to stdout as the API sent it", async () => {
    const { code, stdout, requests } = await cli(["users", "export", "u-1"], exportRoutes());
    assert.equal(code, 0);
    assert.equal(stdout, JSON.stringify(exported));
    assert.deepEqual(
      requests.map((r) => r.path),
      ["/api/v1/users/u-1", "/api/v1/users/u-1/export"],
    );
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
    const { code, stdout, stderr } = await cli(
      ["users", "export", "u-1"],
      exportRoutes(() => problem(403, "Forbidden", "This key lacks users:write.")),
    );
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(stderr, "gatehouse: Forbidden (403): This key lacks users:write.\n");
  });
});

describe("bulk against a fake jobs API", () => {
  const problem = (status, title, detail) => json({ type: "t", title, status, detail }, status);
  const idle = { processed: 0, writeUnits: 0, writeRequests: 0, ms: 0 };

  /**
   * A list job server: entries ending in @missing are not found, `outcomes` sets others; `stepAnswers[k]`
   * makes the k-th step call answer 409 ("409"), fail without working ("503"), or work and lose its answer ("lost").
   */
  function jobApi({ outcomes = {}, stepAnswers = [], entries = [], processed = 0, action = "revoke-all", alreadyBlocked = [], onStep = () => {} } = {}) {
    const state = { entries, processed, calls: 0 };
    const outcome = (entry) => (entry.endsWith("@missing") ? "not-found" : (outcomes[entry] ?? "ok"));
    const rows = () =>
      state.entries.slice(0, state.processed).map((entry) => ({
        entry,
        userId: outcome(entry) === "not-found" ? null : `id-${entry}`,
        email: entry,
        outcome: outcome(entry),
        message: `${outcome(entry)} message`,
      }));
    const status = () => {
      const counts = { ok: 0, partial: 0, failed: 0, notFound: 0 };
      for (const row of rows()) counts[row.outcome === "not-found" ? "notFound" : row.outcome]++;
      const done = state.processed >= state.entries.length;
      return {
        id: "j-1",
        action,
        for: null,
        reason: "incident 42",
        state: done ? "done" : "running",
        createdAt: "2026-05-01T10:00:00.000Z",
        createdBy: "key",
        listFingerprint: "lf",
        total: state.entries.length,
        processed: state.processed,
        counts,
        writeUnits: state.processed * 2,
        writeRequests: state.processed,
        elapsedMs: 3100,
        cursor: done ? null : `c-${state.processed}`,
        auditId: "a-77",
        message: `${state.processed} of ${state.entries.length} done`,
      };
    };
    const advance = (body) => {
      if (body.cursor !== `c-${state.processed}`) return idle;
      const n = Math.min(body.size ?? 50, state.entries.length - state.processed);
      state.processed += n;
      return { processed: n, writeUnits: 2 * n, writeRequests: n, ms: 5 };
    };
    const routes = {
      "POST /api/v1/jobs": ({ body }) => {
        if (body.dryRun) {
          const notFound = body.entries.filter((e) => outcome(e) === "not-found");
          const found = body.entries.length - notFound.length;
          const lines =
            action === "block" ? [`${found} users found of ${body.entries.length} listed entries`, "1 entry not found: nothing is done for it"] : [];
          return json({
            dryRun: true,
            preview: {
              action: body.action,
              total: body.entries.length,
              found,
              notFound,
              alreadyBlocked,
              ignored: { blank: 0, duplicate: 0 },
              listFingerprint: "lf",
              title: "Revoke all sessions",
              description: "Each found user is blocked for 7 days.",
              summary: `Revokes every session of ${found} users.`,
              lines,
              confirmLabel: "Revoke",
            },
          });
        }
        state.entries = body.entries;
        return json({ dryRun: false, job: status() });
      },
      "GET /api/v1/jobs/j-1": () => json({ job: status() }),
      "POST /api/v1/jobs/j-1/step": ({ body }) => {
        const answer = stepAnswers[state.calls++];
        onStep(state);
        if (answer === "409")
          return json(
            { type: "urn:gatehouse:problem:job-step-running", title: "Step running", status: 409, detail: "Another step of this job is running." },
            409,
          );
        if (answer === "refused") return problem(409, "Refused", "There is nothing to do.");
        if (answer === "503") return problem(503, "Service unavailable", "DynamoDB is unreachable.");
        const step = advance(body);
        if (answer === "lost") return problem(502, "Bad gateway", "The answer was lost.");
        return json({ job: status(), step });
      },
      "GET /api/v1/jobs/j-1/results": ({ url }) => {
        const offset = Number(url.searchParams.get("cursor") ?? 0);
        const all = rows();
        return json({ results: all.slice(offset, offset + 2), nextCursor: offset + 2 < all.length ? String(offset + 2) : null });
      },
    };
    return { routes, state, status };
  }
  const steps = (requests) => requests.filter((r) => r.path === "/api/v1/jobs/j-1/step");
  const creates = (requests) => requests.filter((r) => r.path === "/api/v1/jobs");

  let dir;
  const list = async (name, lines) => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    dir ??= await mkdtemp(join(tmpdir(), "gatehouse-bulk-"));
    const file = join(dir, name);
    await writeFile(file, lines.join("\n"));
    return file;
  };
  const five = ["a@example.com", "b@example.com", "c@missing", "d@example.com", "e@example.com"];
  const started = "Job j-1 started; if it stops, continue it with: gatehouse bulk --resume j-1\n";

  test("--dry-run posts dryRun: true once, lists found, not found and already blocked, and changes nothing; --json prints the API's answer", async () => {
    const file = await list("dry.txt", ["a@example.com", "", "c@missing", "a@example.com", "  b@example.com  ", "", ""]);
    const api = jobApi({ action: "block", alreadyBlocked: ["b@example.com"] });
    const dry = await cli(["bulk", "block", "--from", file, "--for", "7d", "--reason", "stuffing", "--dry-run"], api.routes);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(
      dry.requests.map((r) => r.body),
      [{ action: "block", entries: ["a@example.com", "c@missing", "b@example.com"], reason: "stuffing", for: "7d", dryRun: true }],
    );
    assert.match(
      dry.stdout,
      /^Dry run, nothing changed\. 2 users found of 3 listed entries\n1 entry not found: nothing is done for it\nEach found user is blocked for 7 days\.\nLeft out of the list sent: 2 blank lines, 1 duplicate\n/,
    );
    assert.match(dry.stdout, /^Not found \(1\):\n {2}c@missing$/m);
    assert.match(dry.stdout, /^Already blocked \(1\):\n {2}b@example.com$/m);
    assert.equal(dry.stderr, "");
    const asJson = await cli(["bulk", "block", "--from", file, "--for", "7d", "--reason", "stuffing", "--dry-run", "--json"], api.routes);
    assert.equal(JSON.parse(asJson.stdout).preview.found, 2);
    assert.deepEqual(JSON.parse(asJson.stdout).preview.notFound, ["c@missing"]);
    assert.equal(creates(asJson.requests).length, 1);
    assert.equal(api.state.processed, 0);
  });

  test("a dry run's long lists stop at 50 with 'and N more'", async () => {
    const file = await list(
      "many.txt",
      Array.from({ length: 60 }, (_, i) => `u${i}@missing`),
    );
    const { stdout } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--dry-run"], jobApi().routes);
    assert.match(stdout, /^Not found \(60\):$/m);
    assert.match(stdout, /^ {2}u49@missing\n {2}and 10 more$/m);
    assert.doesNotMatch(stdout, /u50@missing/);
  });

  test("in a TTY it shows the dry run and asks: no changes nothing (exit 1), yes starts the job, --yes skips the question", async () => {
    const file = await list("ask.txt", five);
    const declined = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42"], jobApi().routes, { tty: true, answer: "n\n" });
    assert.equal(declined.code, 1);
    assert.match(declined.stderr, /Revokes every session of 4 users\./);
    assert.match(declined.stderr, /Revoke every session of 4 users\? \[y\/N\]/);
    assert.match(declined.stderr, /Not confirmed; nothing changed\./);
    assert.deepEqual(
      declined.requests.map((r) => r.body.dryRun),
      [true],
    );
    const accepted = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42"], jobApi().routes, { tty: true, answer: "y\n" });
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.deepEqual(
      creates(accepted.requests).map((r) => r.body.dryRun),
      [true, false],
    );
    assert.equal(steps(accepted.requests).length, 1);
    const yes = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes"], jobApi().routes, { tty: true });
    assert.equal(yes.code, 0);
    assert.deepEqual(
      creates(yes.requests).map((r) => r.body.dryRun),
      [false],
    );
    const blockQuestion = await cli(["bulk", "block", "--from", file, "--for", "24h", "--reason", "stuffing"], jobApi({ action: "block" }).routes, {
      tty: true,
      answer: "n\n",
    });
    assert.match(blockQuestion.stderr, /Block 4 users \(24h\)\? \[y\/N\]/);
    const deleteQuestion = await cli(["bulk", "delete", "--from", file, "--reason", "erasure"], jobApi({ action: "delete" }).routes, {
      tty: true,
      answer: "n\n",
    });
    assert.match(deleteQuestion.stderr, /Delete 4 users and everything of theirs\? \[y\/N\]/);
  });

  test("without a TTY it creates the job, prints its id on stderr before any step, and steps with each answer's cursor until done", async () => {
    const file = await list("five.txt", five);
    const api = jobApi();
    const { code, stdout, stderr, requests, log } = await cli(
      ["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"],
      api.routes,
    );
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      creates(requests).map((r) => r.body),
      [{ action: "revoke-all", entries: five, reason: "incident 42", dryRun: false }],
    );
    assert.ok(log.indexOf(started) >= 0 && log.indexOf(started) < log.indexOf("POST /api/v1/jobs/j-1/step"), "the job id comes before the first step");
    assert.deepEqual(
      steps(requests).map((r) => r.body),
      [
        { cursor: "c-0", size: 2 },
        { cursor: "c-2", size: 2 },
        { cursor: "c-4", size: 2 },
      ],
    );
    assert.equal(stderr, started, "no progress and nothing else on stderr without a terminal");
    assert.match(stdout, /^5 of 5 done$/m);
    assert.match(stdout, /^ok\s+4$/m);
    assert.match(stdout, /^not found\s+1$/m);
    assert.match(stdout, /^total\s+5$/m);
    assert.match(stdout, /^time\s+3\.1 s$/m);
    assert.match(stdout, /^write units\s+10 \(5 requests\)$/m);
    assert.match(stdout, /^audit\s+a-77$/m);
    assert.match(stdout, /^Not ok \(1\):\nENTRY\s+OUTCOME\s+USER\s+MESSAGE\nc@missing\s+not-found\s+-\s+not-found message$/m);
    assert.doesNotMatch(stdout, /a@example.com/, "ok rows are not listed");
  });

  test("--json prints { job, results } with every row of every results page; stdout stays pure JSON", async () => {
    const file = await list("json.txt", five);
    const { code, stdout, stderr, requests } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--json"], jobApi().routes);
    assert.equal(code, 0);
    assert.equal(stderr, started);
    const answer = JSON.parse(stdout);
    assert.deepEqual(Object.keys(answer), ["job", "results"]);
    assert.equal(answer.job.state, "done");
    assert.deepEqual(
      answer.results.map((r) => r.entry),
      five,
    );
    assert.equal(requests.filter((r) => r.path.endsWith("/results")).length, 3);
    assert.equal(new URLSearchParams(requests.find((r) => r.path.endsWith("/results")).search).get("limit"), "1000");
  });

  test("a 409 waits a second and retries with the cursor from GET; a lost answer or a 503 backs off without repeating the step", async () => {
    const file = await list("retry.txt", five);
    const api = jobApi({ stepAnswers: ["409", "lost", "503"] });
    const { code, stderr, requests, sleeps } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], api.routes);
    assert.equal(code, 0, stderr);
    assert.deepEqual(
      requests
        .slice(1)
        .filter((r) => !r.path.endsWith("/results"))
        .map((r) => `${r.method} ${r.path.replace("/api/v1/jobs/j-1", "")} ${r.body?.cursor ?? ""}`.trim()),
      ["POST /step c-0", "GET", "POST /step c-0", "GET", "POST /step c-2", "GET", "POST /step c-2", "POST /step c-4"],
    );
    assert.equal(sleeps[0], 1000);
    assert.deepEqual(sleeps.slice(1), [500, 1000]);
    assert.equal(api.state.processed, 5);
    assert.equal(stderr, started);
  });

  test("a 409 that is not a running step (a refusal) is not waited for: exit 1 at once", async () => {
    const file = await list("refused.txt", five);
    const api = jobApi({ stepAnswers: ["refused"] });
    const { code, stderr, sleeps } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], api.routes);
    assert.equal(code, 1);
    assert.deepEqual(sleeps, []);
    assert.match(stderr, /Refused \(409\): There is nothing to do\./);
  });

  test("an API problem during the steps exits 1 and says how to resume", async () => {
    const file = await list("fail.txt", five);
    const api = jobApi({ stepAnswers: [undefined, "503", "503", "503", "503", "503", "503"] });
    const { code, stderr, sleeps } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], api.routes);
    assert.equal(code, 1);
    assert.equal(sleeps.length, 5);
    assert.match(
      stderr,
      /gatehouse: Service unavailable \(503\): DynamoDB is unreachable\.\nThe job stopped at 2\/5; continue it with: gatehouse bulk --resume j-1\n$/,
    );
    const forbidden = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes"], {
      "POST /api/v1/jobs": () => problem(403, "Forbidden", "This key lacks sessions:write."),
    });
    assert.equal(forbidden.code, 1);
    assert.equal(forbidden.stderr, "gatehouse: Forbidden (403): This key lacks sessions:write.\n");
  });

  test("a step that keeps answering the same cursor without progress gives up after 10 (exit 1) instead of looping", async () => {
    const file = await list("stuck.txt", five);
    const api = jobApi();
    api.routes["POST /api/v1/jobs/j-1/step"] = () => json({ job: api.status(), step: idle });
    const { code, stderr, requests } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes"], api.routes);
    assert.equal(code, 1);
    assert.equal(steps(requests).length, 10);
    assert.match(stderr, /No progress: 10 steps in a row left the job where it was\.\nThe job stopped at 0\/5; continue it with: gatehouse bulk --resume j-1/);
  });

  test("--resume steps a running job from its cursor to the end; a done job only gets its summary", async () => {
    const api = jobApi({ entries: five, processed: 2 });
    const resumed = await cli(["bulk", "--resume", "j-1", "--step", "2"], api.routes);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(resumed.requests[0].path, "/api/v1/jobs/j-1");
    assert.deepEqual(
      steps(resumed.requests).map((r) => r.body.cursor),
      ["c-2", "c-4"],
    );
    assert.equal(resumed.stderr, "Job j-1 resumed at 2/5; if it stops, continue it with: gatehouse bulk --resume j-1\n");
    assert.match(resumed.stdout, /^ok\s+4$/m);
    const done = await cli(["bulk", "--resume", "j-1", "--json"], api.routes);
    assert.equal(done.code, 0);
    assert.equal(steps(done.requests).length, 0);
    assert.equal(done.stderr, "");
    assert.equal(JSON.parse(done.stdout).results.length, 5);
    for (const args of [
      ["bulk", "revoke-all", "--resume", "j-1"],
      ["bulk", "--resume", "j-1", "--from", "x.txt"],
      ["bulk", "--resume", "j-1", "--dry-run"],
    ]) {
      const refused = await cli(args, api.routes);
      assert.equal(refused.code, 2, args.join(" "));
      assert.equal(refused.requests.length, 0);
    }
  });

  test("exit 3 when any user ends partial or failed, with them listed; --json still prints { job, results }", async () => {
    const file = await list("partial.txt", five);
    const outcomes = { "b@example.com": "partial", "d@example.com": "failed" };
    const table = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes"], jobApi({ outcomes }).routes);
    assert.equal(table.code, 3);
    assert.match(table.stdout, /^partial\s+1$/m);
    assert.match(table.stdout, /^failed\s+1$/m);
    assert.match(table.stdout, /^Not ok \(3\):$/m);
    assert.match(table.stdout, /^b@example.com\s+partial\s+id-b@example.com\s+partial message$/m);
    assert.match(table.stdout, /^d@example.com\s+failed\s+id-d@example.com\s+failed message$/m);
    assert.match(table.stderr, /gatehouse: 2 users ended partial or failed \(listed above\)\.\n$/);
    const asJson = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--json"], jobApi({ outcomes }).routes);
    assert.equal(asJson.code, 3);
    assert.equal(asJson.stderr, started);
    assert.equal(JSON.parse(asJson.stdout).job.counts.partial, 1);
  });

  test("the not-ok listing stops at 50 with 'and N more'", async () => {
    const file = await list(
      "missing.txt",
      Array.from({ length: 55 }, (_, i) => `m${i}@missing`),
    );
    const { code, stdout } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "200"], jobApi().routes);
    assert.equal(code, 0);
    assert.match(stdout, /^Not ok \(55\):$/m);
    assert.match(stdout, /^and 5 more \(--json lists every row\)$/m);
    assert.equal(stdout.match(/not-found message/g).length, 50);
  });

  test("Ctrl-C stops after the step in flight, prints the resume line and exits 3", async () => {
    const file = await list("sigint.txt", five);
    const hooks = {};
    const api = jobApi({ onStep: () => hooks.interrupt?.() });
    const { code, stdout, stderr, requests } = await cli(
      ["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"],
      api.routes,
      {
        hooks,
      },
    );
    assert.equal(code, 3);
    assert.equal(steps(requests).length, 1);
    assert.equal(api.state.processed, 2);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      `${started}Stopping after the request in flight (Ctrl-C again to quit at once).\nStopped at 2/5. Continue it with: gatehouse bulk --resume j-1\n`,
    );
    assert.equal(hooks.interrupt, null, "it stops listening once the job ends");
  });

  test("the progress bar is drawn on stderr, redrawn with \\r, only when stderr is a terminal", async () => {
    const file = await list("bar.txt", five);
    const { code, stdout, stderr } = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], jobApi().routes, {
      stderrTTY: true,
    });
    assert.equal(code, 0, stderr);
    assert.ok(stderr.startsWith(started));
    assert.match(stderr, /\r\[░{20}\] 0\/5 users · \d+\.\d s · 0 write units\/s/);
    assert.match(stderr, /\r\[█{8}░{12}\] 2\/5 users · /);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line ends with ESC[K (erase to end of line), which is what this asserts
    assert.match(stderr, /\r\[█{20}\] 5\/5 users · \d+\.\d s · \d+ write units\/s\x1b\[K\n$/);
    assert.doesNotMatch(stdout, /░|█|\r/);
    const quiet = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], jobApi().routes);
    assert.equal(quiet.stderr, started);
  });

  test("--from - reads the list from stdin", async () => {
    const { code, requests } = await cli(["bulk", "delete", "--from", "-", "--reason", "erasure", "--yes"], jobApi({ action: "delete" }).routes, {
      input: "a@example.com\nb@example.com\n",
    });
    assert.equal(code, 0);
    assert.deepEqual(creates(requests)[0].body.entries, ["a@example.com", "b@example.com"]);
  });

  test("bad usage exits 2 and sends nothing: --for missing for block or given to the others, no --from or --reason, an empty or too long list, a bad --step", async () => {
    const file = await list("usage.txt", five);
    const empty = await list("empty.txt", ["", "  ", ""]);
    const huge = await list(
      "huge.txt",
      Array.from({ length: 10_001 }, (_, i) => `u${i}@example.com`),
    );
    const cases = [
      [["bulk", "block", "--from", file, "--reason", "stuffing"], /block needs --for: 1h, 24h, 7d, 30d or permanent/],
      [["bulk", "block", "--from", file, "--reason", "stuffing", "--for", "2d"], /Allowed choices are 1h, 24h, 7d, 30d, permanent/],
      [["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--for", "7d"], /--for is for block only; revoke-all takes none/],
      [["bulk", "delete", "--from", file, "--reason", "erasure", "--for", "permanent"], /--for is for block only; delete takes none/],
      [["bulk", "revoke-all", "--reason", "incident 42"], /--from <file> is required/],
      [["bulk", "revoke-all", "--from", file], /--reason <text> is required/],
      [["bulk"], /Give an action/],
      [["bulk", "revoke", "--from", file, "--reason", "incident 42"], /Allowed choices are revoke-all, block, delete/],
      [["bulk", "revoke-all", "--from", empty, "--reason", "incident 42"], /has no entries/],
      [["bulk", "revoke-all", "--from", huge, "--reason", "incident 42"], /has 10001 entries; a job takes at most 10000/],
      [["bulk", "revoke-all", "--from", `${file}.nope`, "--reason", "incident 42"], /cannot read .*ENOENT/],
      [["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--step", "201"], /from 1 to 200/],
      [["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--step", "1.5"], /from 1 to 200/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, requests } = await cli(args, jobApi().routes);
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, message, args.join(" "));
      assert.equal(requests.length, 0, args.join(" "));
    }
    const tenThousand = await list(
      "max.txt",
      Array.from({ length: 10_000 }, (_, i) => `u${i}@example.com`),
    );
    assert.equal((await cli(["bulk", "revoke-all", "--from", tenThousand, "--reason", "incident 42", "--dry-run"], jobApi().routes)).code, 0);
    const typed = await cli(["bulk", "revoke-all", "--from", "-", "--reason", "incident 42"], jobApi().routes, { tty: true });
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /cannot ask as well: add --yes/);
  });

  test("`jobs` is the command's name and `bulk` its alias: the same job, and the resume line in the name that was typed", async () => {
    const file = await list("jobs.txt", five);
    const asJobs = await cli(["jobs", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], jobApi().routes);
    assert.equal(asJobs.code, 0, asJobs.stderr);
    assert.equal(asJobs.stderr, "Job j-1 started; if it stops, continue it with: gatehouse jobs --resume j-1\n");
    const asBulk = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes", "--step", "2"], jobApi().routes);
    assert.deepEqual(creates(asBulk.requests), creates(asJobs.requests));
    assert.equal(asBulk.stdout, asJobs.stdout);
    const help = await cli(["--help"]);
    assert.match(help.stdout, /^ {2}jobs\|bulk /m);
  });

  test("bulk --help carries examples", async () => {
    const { code, stdout } = await cli(["bulk", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /^Examples:$/m);
    assert.match(stdout, /gatehouse bulk --resume /);
  });

  after(async () => {
    const { rm } = await import("node:fs/promises");
    if (dir) await rm(dir, { recursive: true, force: true });
  });
});

describe("activity and stats against a fake API", () => {
  const now = Date.now();
  const minute = 60_000;
  /** A sign-in `ago` ms before the test began. */
  const event = (id, ago, extra = {}) => ({
    id,
    type: "sign-in",
    at: new Date(now - ago).toISOString(),
    by: "product",
    userId: `u-${id}`,
    email: `${id}@example.com`,
    provider: "github",
    providerAccountId: `gh-${id}`,
    ...extra,
  });
  /**
   * GET /api/v1/activity over `store` as the API pages it: newest first (time, then id), from `from`'s
   * day on, `limit` a page, the cursor an offset. `onHead` runs before each first page (a poll).
   */
  const feed = (store, onHead = () => {}) => {
    let heads = 0;
    return {
      "GET /api/v1/activity": ({ url }) => {
        const q = url.searchParams;
        if (!q.get("cursor")) onHead(++heads);
        const from = q.get("from");
        const limit = Number(q.get("limit") ?? 50);
        const offset = Number(q.get("cursor") ?? 0);
        const all = store
          .filter((e) => !from || e.at.slice(0, 10) >= from)
          .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
        const events = all.slice(offset, offset + limit);
        return json({ events, nextCursor: offset + limit < all.length ? String(offset + limit) : null, stopped: null });
      },
    };
  };
  const ids = (stdout) =>
    stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).id);

  test("the types --type takes are the API's (its OpenAPI enum in api-types.generated.ts)", async () => {
    const { readFile } = await import("node:fs/promises");
    const types = await readFile(new URL("api-types.generated.ts", import.meta.url), "utf8");
    const operation = types.slice(types.indexOf("    listActivity: {"));
    const union = /type\?: ((?:"[\w-]+"(?: \| )?)+);/.exec(operation)?.[1];
    assert.ok(union, "listActivity's type filter is in the generated types");
    assert.deepEqual(
      [...ACTIVITY_TYPES],
      [...union.matchAll(/"([\w-]+)"/g)].map((m) => m[1]),
    );
  });

  test("activity asks from the cutoff's day with the filters, keeps events since the cutoff across pages; --json prints { events }", async () => {
    const store = [...Array.from({ length: 150 }, (_, i) => event(`e-${String(i).padStart(3, "0")}`, (i + 1) * 1000)), event("old", 2 * 3600_000)];
    const { code, stdout, requests } = await cli(
      ["activity", "--since", "1h", "--type", "sign-in", "--user", "u-1", "--provider", "github", "--json"],
      feed(store),
    );
    assert.equal(code, 0);
    const events = JSON.parse(stdout).events;
    assert.equal(events.length, 150);
    assert.equal(events[0].id, "e-000", "newest first");
    assert.ok(!events.some((e) => e.id === "old"), "nothing before the cutoff");
    assert.equal(requests.length, 2, "the second page reaches past the cutoff: the walk ends");
    const query = new URLSearchParams(requests[0].search);
    assert.equal(query.get("from"), dayOf(now - 3600_000));
    assert.equal(query.get("type"), "sign-in");
    assert.equal(query.get("user"), "u-1");
    assert.equal(query.get("provider"), "github");
    assert.equal(query.get("limit"), "100");
    assert.equal(new URLSearchParams(requests[1].search).get("cursor"), "100");
  });

  test("activity's table: AT, EVENT, USER/ADDRESS, PROVIDER/ACCOUNT, BY; an email change old → new; Gatehouse's doing with its audit id", async () => {
    const store = [
      event("a", minute),
      event("b", 2 * minute, { type: "email-changed", previousEmail: "old@example.com", email: "new@example.com", provider: undefined }),
      event("c", 3 * minute, { type: "user-blocked", by: "gatehouse", auditId: "a-7", provider: undefined, providerAccountId: undefined }),
      { id: "d", type: "link-requested", at: new Date(now - 4 * minute).toISOString(), by: "product", identifier: "link@example.com", fingerprint: "fp-1" },
    ];
    const { code, stdout } = await cli(["activity"], feed(store));
    assert.equal(code, 0);
    const lines = stdout.trim().split("\n");
    assert.match(lines[0], /^AT\s+EVENT\s+USER\/ADDRESS\s+PROVIDER\/ACCOUNT\s+BY$/);
    assert.match(lines[1], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+sign-in\s+a@example\.com\s+github gh-a\s+product$/);
    assert.match(lines[2], /email-changed\s+old@example\.com → new@example\.com\s+-\s+product$/);
    assert.match(lines[3], /user-blocked\s+c@example\.com\s+-\s+gatehouse \(audit a-7\)$/);
    assert.match(lines[4], /link-requested\s+link@example\.com\s+-\s+product$/);
    const none = await cli(["activity", "--since", "15m", "--type", "sign-up"], feed([]));
    assert.equal(none.stdout, "No activity in the last 15m that matches.\n");
  });

  test("--follow prints the newest 10 since the cutoff oldest first, then each poll's unseen events in time order, once each, until stopped (exit 0)", async () => {
    const store = [...Array.from({ length: 12 }, (_, i) => event(`m${i + 1}`, (i + 1) * minute)), event("yesterday", 30 * 3600_000)];
    const hooks = {};
    const polls = [];
    const routes = feed(store, (poll) => {
      polls.push(poll);
      if (poll === 2) store.push(event("late", 90_000), event("n1", -1000), event("n2", -2000));
      if (poll === 4) store.push(event("n3", -3000));
      if (poll === 5) hooks.stop();
    });
    const run = await cli(["activity", "--follow", "--json"], routes, { hooks });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    assert.deepEqual(ids(run.stdout), ["m10", "m9", "m8", "m7", "m6", "m5", "m4", "m3", "m2", "m1", "late", "n1", "n2", "n3"]);
    assert.deepEqual(run.sleeps, [2000, 2000, 2000, 2000], "a poll every 2 s");
    assert.equal(hooks.stop, null, "it stops listening for signals once it ends");
    const days = run.requests.map((r) => new URLSearchParams(r.search).get("from"));
    assert.equal(days[0], dayOf(now - 24 * 3600_000), "the backlog is read from --since's day");
    const recent = [dayOf(now - 600_000), dayOf(Date.now() - 600_000)];
    assert.ok(
      days.slice(1).every((day) => recent.includes(day)),
      "polls read from the newest event's day, never from a day later than ten minutes ago (an event stamped ahead of the console's clock)",
    );
  });

  test("--follow without --json: a header, then one aligned line an event; GATEHOUSE_FOLLOW_INTERVAL_MS sets the interval", async () => {
    const store = [event("a", minute)];
    const hooks = {};
    const routes = feed(store, (poll) => {
      if (poll === 2) store.push(event("b", 0, { type: "session-created", provider: undefined }));
      if (poll === 3) hooks.stop();
    });
    const run = await cli(["activity", "-f", "--user", "u-a"], routes, { hooks, environment: { ...env, GATEHOUSE_FOLLOW_INTERVAL_MS: "50" } });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.match(lines[0], /^AT {20}EVENT {13}USER\/ADDRESS {22}PROVIDER\/ACCOUNT {10}BY$/);
    assert.match(lines[1], /^\S+ \S+ {2}sign-in {11}a@example\.com {21}github gh-a {15}product$/);
    assert.match(lines[2], /^\S+ \S+ {2}session-created {3}b@example\.com {21}- {25}product$/);
    assert.equal(lines.length, 4);
    assert.deepEqual(run.sleeps, [50, 50]);
    assert.ok(run.requests.every((r) => new URLSearchParams(r.search).get("user") === "u-a"));
    const bad = await cli(["activity", "-f"], routes, { environment: { ...env, GATEHOUSE_FOLLOW_INTERVAL_MS: "soon" } });
    assert.equal(bad.code, 2);
    assert.deepEqual(bad.requests, []);
  });

  test("--follow reads on through a burst of more than a page until it reaches what it printed", async () => {
    const store = [event("first", minute)];
    const hooks = {};
    const burst = Array.from({ length: 250 }, (_, i) => event(`b${String(i).padStart(3, "0")}`, -i * 10));
    const routes = feed(store, (poll) => {
      if (poll === 2) store.push(...burst);
      if (poll === 3) hooks.stop();
    });
    const run = await cli(["activity", "--follow", "--json"], routes, { hooks });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(ids(run.stdout), ["first", ...burst.map((e) => e.id)]);
    assert.equal(run.requests.length, 1 + 3 + 1, "the backlog, the burst's three pages, the last poll");
  });

  test("--follow: a network error is a warning on stderr and a longer wait, then it goes on; an API refusal ends it (exit 1)", async () => {
    const store = [event("a", minute)];
    const hooks = {};
    const routes = feed(store, (poll) => {
      if (poll === 2 || poll === 3) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      if (poll === 4) store.push(event("b", 0));
      if (poll === 5) hooks.stop();
    });
    const run = await cli(["activity", "--follow", "--json"], routes, { hooks });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(ids(run.stdout), ["a", "b"]);
    assert.equal(
      run.stderr,
      [
        "gatehouse: Network error: could not reach http://console.test (ECONNREFUSED).; retrying in 4 s.",
        "gatehouse: Network error: could not reach http://console.test (ECONNREFUSED).; retrying in 8 s.",
        "gatehouse: reconnected.",
        "",
      ].join("\n"),
    );
    assert.deepEqual(run.sleeps, [2000, 4000, 8000, 2000]);

    const revoked = feed([event("a", minute)], (poll) => {
      if (poll === 2) throw new Error("unreachable");
    });
    revoked["GET /api/v1/activity"] = ((answer) => {
      let calls = 0;
      return (request) =>
        ++calls === 1 ? answer(request) : json({ type: "t", title: "Unauthenticated", status: 401, detail: "This API key has been revoked." }, 401);
    })(revoked["GET /api/v1/activity"]);
    const refused = await cli(["activity", "--follow"], revoked, { hooks: {} });
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, "gatehouse: Unauthenticated (401): This API key has been revoked.\n");
  });

  test("stats: --days ends on --to (today by default); a row a day, totals (DAU has none), each month's MAU, sign-ins by provider; --json is the API's", async () => {
    const answer = {
      from: "2026-11-30",
      to: "2026-12-01",
      days: [
        {
          day: "2026-11-30",
          figures: { events: 9, signUps: 1, signIns: 4, "signIns:github": 3, "signIns:google": 1, dau: 3, linksRequested: 2, linksUsed: 1, sessionsCreated: 4 },
        },
        { day: "2026-12-01", figures: {} },
      ],
      months: [
        { month: "2026-11", mau: 40 },
        { month: "2026-12", mau: 3 },
      ],
      providers: ["github", "google"],
    };
    const routes = { "GET /api/v1/stats": () => json(answer) };
    const run = await cli(["stats", "--days", "2", "--to", "2026-12-01"], routes);
    assert.equal(run.code, 0, run.stderr);
    const query = new URLSearchParams(run.requests[0].search);
    assert.equal(query.get("from"), "2026-11-30");
    assert.equal(query.get("to"), "2026-12-01");
    assert.match(run.stdout, /^Activity from 2026-11-30 to 2026-12-01 \(UTC\)$/m);
    assert.match(run.stdout, /^DAY\s+SIGN-UPS\s+SIGN-INS\s+DAU\s+LINKS REQ\s+LINKS USED\s+SESSIONS$/m);
    assert.match(run.stdout, /^2026-11-30\s+1\s+4\s+3\s+2\s+1\s+4$/m);
    assert.match(run.stdout, /^2026-12-01\s+0\s+0\s+0\s+0\s+0\s+0$/m);
    assert.match(run.stdout, /^TOTAL\s+1\s+4\s+-\s+2\s+1\s+4$/m);
    assert.match(run.stdout, /^MONTH\s+MAU\n2026-11\s+40\n2026-12\s+3$/m);
    assert.match(run.stdout, /^PROVIDER\s+SIGN-INS\ngithub\s+3\ngoogle\s+1$/m);
    const asJson = await cli(["stats", "--json"], routes);
    assert.deepEqual(JSON.parse(asJson.stdout), answer);
    assert.equal(asJson.requests[0].search, "", "no range given: the API's default (30 days)");
    const today = new Date().toISOString().slice(0, 10);
    const week = await cli(["stats", "--days", "7"], routes);
    assert.equal(new URLSearchParams(week.requests[0].search).get("from"), new Date(Date.parse(today) - 6 * 86_400_000).toISOString().slice(0, 10));
    const empty = await cli(["stats"], { "GET /api/v1/stats": () => json({ ...answer, days: [], months: [], providers: [] }) });
    assert.match(empty.stdout, /^TOTAL\s+0\s+0\s+-\s+0\s+0\s+0$/m);
    assert.match(empty.stdout, /No sign-ins by provider in this range\./);
  });

  test("bad usage exits 2 and sends nothing: a bad --since, --type, an address as --user, bad days, --from with --days, --from after --to", async () => {
    for (const args of [
      ["activity", "--since", "soon"],
      ["activity", "--type", "login"],
      ["activity", "--user", "ana@example.com"],
      ["stats", "--from", "2026-13-01"],
      ["stats", "--to", "yesterday"],
      ["stats", "--days", "0"],
      ["stats", "--days", "367"],
      ["stats", "--days", "1.5"],
      ["stats", "--from", "2026-12-01", "--days", "7"],
      ["stats", "--from", "2026-12-02", "--to", "2026-12-01"],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(" "));
      assert.deepEqual(run.requests, [], args.join(" "));
    }
  });
});

describe("activity --follow as a process", () => {
  const { spawn } = childProcess;
  /** Waits until `condition()` holds, or fails after `ms`. */
  const waitFor = async (condition, ms, what) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** A console that answers GET /api/v1/activity from `events` (newest first); `hold(n)` leaves the n-th request unanswered. */
  async function fakeConsole(events, hold = () => false) {
    const server = http.createServer((_request, response) => {
      server.requests++;
      if (hold(server.requests)) return;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ events: [...events].reverse(), nextCursor: null, stopped: null }));
    });
    server.requests = 0;
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return server;
  }
  /** The installed bin, as a shell runs it. */
  function follow(server, interval) {
    const child = spawn(process.execPath, [new URL("gatehouse.mjs", import.meta.url).pathname, "activity", "--follow", "--json"], {
      env: {
        PATH: process.env.PATH,
        GATEHOUSE_URL: `http://127.0.0.1:${server.address().port}`,
        GATEHOUSE_API_KEY: "gh_test",
        GATEHOUSE_FOLLOW_INTERVAL_MS: interval,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run = { stdout: "", stderr: "", code: undefined, signal: undefined };
    child.stdout.on("data", (chunk) => (run.stdout += chunk));
    child.stderr.on("data", (chunk) => (run.stderr += chunk));
    child.on("close", (code, signal) => Object.assign(run, { code, signal }));
    return { child, run };
  }
  const at = (ago) => new Date(Date.now() - ago).toISOString();

  test("prints an event stored after it started, then Ctrl-C ends it with exit 0", async () => {
    const events = [{ id: "before", type: "sign-up", at: at(60_000), by: "product", userId: "u-1" }];
    const server = await fakeConsole(events);
    try {
      const { child, run } = follow(server, "50");
      await waitFor(() => run.stdout.includes('"before"'), 10_000, "the backlog");
      events.push({ id: "after", type: "sign-in", at: at(0), by: "product", userId: "u-1" });
      await waitFor(() => run.stdout.includes('"after"'), 10_000, "the new event");
      child.kill("SIGINT");
      await waitFor(() => run.code !== undefined, 10_000, "the exit");
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        run.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line).id),
        ["before", "after"],
      );
    } finally {
      server.close();
    }
  });

  test("SIGTERM ends it with exit 0 at once, while it waits between polls and while a request hangs", async () => {
    for (const [interval, hold, what] of [
      ["600000", () => false, "a 10-minute wait"],
      ["50", (n) => n >= 2, "a request that never answers"],
    ]) {
      const server = await fakeConsole([{ id: "e", type: "sign-up", at: at(1000), by: "product" }], hold);
      try {
        const { child, run } = follow(server, interval);
        await waitFor(() => run.stdout.includes('"e"') && server.requests >= (interval === "50" ? 2 : 1), 10_000, what);
        child.kill("SIGTERM");
        await waitFor(() => run.code !== undefined, 10_000, `the exit during ${what}`);
        assert.equal(run.code, 0, `${what}: ${run.stderr}`);
        assert.equal(run.stderr, "");
      } finally {
        server.closeAllConnections();
        server.close();
      }
    }
  });
});

describe("untrusted text from the server", () => {
  // ESC[8m conceals what follows it; OSC retitles the window; U+009B is an 8-bit CSI; \r and \b move the cursor.
  const hidden = "eve\x1b[8m@evil.test";
  const osc = "\x1b]0;pwned\x07Eve";
  const c1 = "\x9b2Jred\x85flag";
  const cursor = "a\rb\bc";
  /** Anything a terminal would act on; printed text keeps only line ends of its own. */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test's definition of what a terminal would act on is a set of control characters
  const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
  // One time for all three: the CLI lists entries newest first, so times taken one by one could reorder them.
  const at = new Date(Date.now() - 60_000).toISOString();
  const entry = (id, target, reason) => ({
    id,
    at,
    operatorEmail: "ana@ops.test",
    operatorRole: "admin",
    action: "sign-in-refused",
    target: { email: target },
    reason,
    result: "refused",
    counts: {},
  });
  const audit = {
    entries: [entry("e-1", hidden, osc), entry("e-2", "bob@example.com", c1), entry("e-3", "carl@example.com", cursor)],
    nextCursor: null,
    stopped: null,
  };

  test("gatehouse audit prints no control character or escape sequence, so the rows after a hostile one stay visible; --json stays exact", async () => {
    const table = await cli(["audit"], { "GET /api/v1/audit": () => json(audit) });
    assert.equal(table.code, 0, table.stderr);
    assert.doesNotMatch(table.stdout, CONTROL);
    assert.match(table.stdout, /sign-in-refused\s+eve@evil\.test\s+refused\s+Eve$/m);
    assert.match(table.stdout, /bob@example\.com\s+refused\s+red ?flag$/m);
    assert.match(table.stdout, /carl@example\.com\s+refused\s+a bc$/m);
    const asJson = await cli(["audit", "--json"], { "GET /api/v1/audit": () => json(audit) });
    assert.deepEqual(JSON.parse(asJson.stdout), { entries: audit.entries });
  });

  test("names, emails, previews, outcomes, job reports, progress and problems are printed without controls", async () => {
    const eve = { ...ana, name: osc, email: hidden, block: { active: true, until: null, reason: c1 } };
    const user = { "GET /api/v1/users/u-1": () => json({ user: eve, counts: found.counts }) };
    const find = await cli(["users", "find", "u-1"], user);
    assert.equal(find.code, 0, find.stderr);
    assert.doesNotMatch(find.stdout, CONTROL);
    assert.match(find.stdout, /^name\s+Eve$/m);
    assert.match(find.stdout, /^email\s+eve@evil\.test$/m);

    const sessions = await cli(["users", "sessions", "u-1"], { ...user, "GET /api/v1/users/u-1/sessions": () => json({ sessions: [] }) });
    assert.equal(sessions.stdout, "eve@evil.test has no sessions.\n");

    const block = {
      ...user,
      "POST /api/v1/users/u-1/block": ({ body }) =>
        body.dryRun
          ? json({ dryRun: true, preview: { summary: `Blocks ${hidden}.`, warning: cursor } })
          : json({ dryRun: false, result: "ok", message: `Blocked ${hidden}${osc}`, counts: {}, auditId: "a\x1b[2K-9" }),
    };
    for (const extra of [["--dry-run"], []]) {
      const run = await cli(["users", "block", "u-1", "--for", "7d", "--reason", "stuffing", ...extra], block, { tty: extra.length === 0, answer: "y\n" });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, CONTROL);
      assert.doesNotMatch(run.stderr.replace(/\[y\/N\] /, ""), CONTROL);
    }

    const revoke = {
      ...user,
      "POST /api/v1/users/u-1/sessions/revoke-all": () => json({ dryRun: true, preview: { summary: `Revokes 1 session of ${hidden}.`, fingerprints: [osc] } }),
    };
    const dry = await cli(["sessions", "revoke", "u-1", "--reason", "leak", "--dry-run"], revoke);
    assert.equal(dry.stdout, "Dry run, nothing changed. Revokes 1 session of eve@evil.test.\n  Eve\n");

    const problem = await cli(["users", "find", "u-2"], {
      "GET /api/v1/users/u-2": () => json({ type: "t", title: `Not ${hidden}`, status: 404, detail: `No ${osc} here${cursor}` }, 404),
    });
    assert.equal(problem.code, 1);
    assert.equal(problem.stderr, "gatehouse: Not eve@evil.test (404): No Eve herea bc\n");
  });

  test("activity (its table and --follow's lines) and stats print events' and figures' text without controls; --json stays exact", async () => {
    const events = [
      { id: "x-1", type: "email-changed", at, by: "product", userId: "u-1", email: hidden, previousEmail: cursor },
      { id: "x-2", type: "account-linked", at, by: "gatehouse", auditId: c1, userId: "u-\x1b[2K1", provider: osc, providerAccountId: "12\r3" },
      { id: "x-3", type: "link-requested", at, by: "product", identifier: `link-${hidden}` },
    ];
    const feed = { "GET /api/v1/activity": () => json({ events, nextCursor: null, stopped: null }) };
    const table = await cli(["activity"], feed);
    assert.equal(table.code, 0, table.stderr);
    assert.doesNotMatch(table.stdout, CONTROL);
    assert.match(table.stdout, /email-changed\s+a bc → eve@evil\.test\s+-\s+product$/m);
    assert.match(table.stdout, /account-linked\s+u-1\s+Eve 12 3\s+gatehouse \(audit red ?flag\)$/m);
    assert.match(table.stdout, /link-requested\s+link-eve@evil\.test\s+-\s+product$/m);
    assert.deepEqual(JSON.parse((await cli(["activity", "--json"], feed)).stdout), { events });

    const hooks = {};
    let polls = 0;
    const tail = {
      "GET /api/v1/activity": () => {
        if (++polls === 2) hooks.stop();
        return json({ events, nextCursor: null, stopped: null });
      },
    };
    const followed = await cli(["activity", "--follow"], tail, { hooks });
    assert.equal(followed.code, 0, followed.stderr);
    assert.doesNotMatch(followed.stdout, CONTROL);
    assert.match(followed.stdout, /link-requested\s+link-eve@evil\.test/);
    const ndjson = await cli(
      ["activity", "--follow", "--json"],
      {
        "GET /api/v1/activity": () => {
          hooks.stop?.();
          return json({ events, nextCursor: null, stopped: null });
        },
      },
      { hooks },
    );
    assert.deepEqual(
      ndjson.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
      [...events].reverse(),
    );

    const stats = {
      from: "2026-12-01",
      to: "2026-12-01",
      days: [{ day: "2026-12-01", figures: { signIns: 1, [`signIns:${osc}`]: 1 } }],
      months: [{ month: `2026-12${c1}`, mau: 1 }],
      providers: [osc],
    };
    const figures = await cli(["stats"], { "GET /api/v1/stats": () => json(stats) });
    assert.equal(figures.code, 0, figures.stderr);
    assert.doesNotMatch(figures.stdout, CONTROL);
    assert.match(figures.stdout, /^Eve\s+1$/m);
  });

  test("bulk: a dry run's lines and entries, the job's id and message, the results and the progress bar are printed without controls", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "gatehouse-controls-"));
    const file = join(dir, "list.txt");
    await writeFile(file, "x@example.com\n");
    const jobId = `/api/v1/jobs/${encodeURIComponent("j\x1b[8m-1")}`;
    const job = (processed) => ({
      id: "j\x1b[8m-1",
      action: "revoke-all",
      state: processed ? "done" : "running",
      total: 1,
      processed,
      counts: { ok: 0, partial: 0, failed: processed, notFound: 0 },
      writeUnits: 0,
      writeRequests: 0,
      elapsedMs: 10,
      cursor: processed ? null : "c-0",
      auditId: "a-1",
      message: `Done ${osc}`,
    });
    const routes = {
      "POST /api/v1/jobs": ({ body }) =>
        body.dryRun
          ? json({
              dryRun: true,
              preview: {
                total: 1,
                found: 0,
                notFound: [hidden],
                alreadyBlocked: [osc],
                ignored: { blank: 0, duplicate: 0 },
                lines: [`0 found of ${c1}`],
                description: cursor,
              },
            })
          : json({ dryRun: false, job: job(0) }),
      [`POST ${jobId}/step`]: () => json({ job: job(1), step: { processed: 1, writeUnits: 0, writeRequests: 0, ms: 1 } }),
      [`GET ${jobId}/results`]: () =>
        json({ results: [{ entry: hidden, userId: "u-\x071", email: hidden, outcome: "failed", message: osc }], nextCursor: null }),
    };
    try {
      const dry = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--dry-run"], routes);
      assert.equal(dry.code, 0, dry.stderr);
      assert.doesNotMatch(dry.stdout, CONTROL);
      assert.match(dry.stdout, /^ {2}eve@evil\.test$/m);
      const ran = await cli(["bulk", "revoke-all", "--from", file, "--reason", "incident 42", "--yes"], routes, { stderrTTY: true });
      assert.equal(ran.code, 3);
      assert.doesNotMatch(ran.stdout, CONTROL);
      assert.match(ran.stdout, /^Done Eve$/m);
      assert.match(ran.stdout, /^eve@evil\.test\s+failed\s+u-1\s+Eve$/m);
      // The bar's own \r and erase-line are the only controls on stderr.
      assert.doesNotMatch(ran.stderr.replaceAll("\r", "").replaceAll("\x1b[K", ""), CONTROL);
      assert.match(ran.stderr, /^Job j-1 started/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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

describe("destructive commands without a terminal need --yes, as gh's do", () => {
  // Any lookup finds Ana and any action succeeds: without the guard, each of these would act.
  const catchAll = new Proxy(
    {},
    {
      get: (_, route) => () =>
        String(route).startsWith("GET ") ? json(found) : json({ dryRun: false, result: "ok", message: "done", counts: {}, auditId: "a-1" }),
    },
  );
  const destructive = [
    ["users", "delete", "ana@example.com", "--reason", "erasure request"],
    ["users", "block", "ana@example.com", "--for", "7d", "--reason", "stuffing"],
    ["sessions", "revoke", "ana@example.com", "--reason", "leaked laptop"],
    ["accounts", "unlink", "ana@example.com", "github", "12345", "--reason", "wrong one"],
    ["jobs", "delete", "--from", "-", "--reason", "erasure requests"],
    ["bulk", "revoke-all", "--from", "-", "--reason", "incident 42"],
  ];
  for (const args of destructive) {
    test(`\`gatehouse ${args.slice(0, 2).join(" ")} …\` in a script: exit 2, one line saying to add --yes, and no request at all`, async () => {
      const run = await cli(args, catchAll, { input: "ana@example.com\n" });
      assert.equal(run.code, 2, run.stdout);
      assert.deepEqual(run.requests, []);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^gatehouse: [^\n]*stdin is not a terminal[^\n]*add --yes[^\n]*\n$/);
    });
  }
  test("--dry-run needs no --yes (it changes nothing), and unblock, which takes nothing away, needs none either", async () => {
    const dry = await cli(["users", "delete", "u-1", "--reason", "erasure request", "--dry-run"], {
      "GET /api/v1/users/u-1": () => json(found),
      "DELETE /api/v1/users/u-1": () => json({ dryRun: true, preview: { lines: ["Deletes ana@example.com."] } }),
    });
    assert.equal(dry.code, 0, dry.stderr);
    const unblock = await cli(["users", "unblock", "u-1"], {
      "GET /api/v1/users/u-1": () => json(found),
      "POST /api/v1/users/u-1/unblock": () => json({ dryRun: false, result: "ok", message: "unblocked", counts: {}, auditId: "a-2" }),
    });
    assert.equal(unblock.code, 0, unblock.stderr);
  });
});
