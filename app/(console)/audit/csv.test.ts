import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuditEntry } from "@/lib/audit/entry";
import { auditCsv, csvField } from "./csv";

test("fields with commas, quotes or line breaks are quoted, quotes doubled", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\rhere"), '"cr\rhere"');
  assert.equal(csvField(null), "");
  assert.equal(csvField(3), "3");
});

test("formula-looking text is neutralised before quoting", () => {
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField("+1"), "'+1");
  assert.equal(csvField("-2+3"), "'-2+3");
  assert.equal(csvField("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvField("\t=1"), "'\t=1");
  assert.equal(csvField("a=b"), "a=b");
});

test("an entry becomes one row in the documented column order", () => {
  const entry: AuditEntry = {
    id: "2025-06-01T10:00:00.000Z~req-1",
    at: "2025-06-01T10:00:00.000Z",
    operatorEmail: "admin@example.com",
    operatorRole: "admin",
    action: "revoke-selected",
    target: { userId: "u1", email: "ana@example.com", fingerprints: ["aaaaaaaaaa", "bbbbbbbbbb"] },
    reason: "stolen laptop, per ticket #12",
    result: "ok",
    counts: { revoked: 2, remaining: 0 },
    message: null,
    requestId: "req-1",
    ip: "10.0.0.1",
    userAgent: "=cmd|' /C calc'!A0",
    undoUntil: null,
    lastAt: null,
  };
  const [header, row, end] = auditCsv([entry]).split("\r\n");
  assert.equal(header, "time,operator,role,action,result,userId,email,provider,providerAccountId,fingerprints,reason,counts,message,requestId,ip,userAgent");
  assert.equal(
    row,
    `2025-06-01T10:00:00.000Z,admin@example.com,admin,revoke-selected,ok,u1,ana@example.com,,,aaaaaaaaaa bbbbbbbbbb,"stolen laptop, per ticket #12",revoked=2;remaining=0,,req-1,10.0.0.1,'=cmd|' /C calc'!A0`,
  );
  assert.equal(end, "");
});
