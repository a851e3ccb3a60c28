import assert from "node:assert/strict";
import { test } from "node:test";
import { listFingerprint } from "@/lib/features/list-jobs/fingerprint";
import { listFromFile } from "./list-file";
import { browserListFingerprint } from "./list-fingerprint";

test("a .txt file is the list as it is", () => {
  assert.deepEqual(listFromFile("users.txt", "\uFEFFa@x.test\r\nb@x.test\n"), { text: "a@x.test\r\nb@x.test\n", note: "Loaded users.txt." });
});

test("a .csv file gives its first column, without a header row", () => {
  const csv = 'email,name\nana@x.test,Ana\n"bo,1@x.test",Bo\n"say ""hi""",x\nuser-7\n';
  const { text, note } = listFromFile("export.CSV", csv);
  assert.equal(text, 'ana@x.test\nbo,1@x.test\nsay "hi"\nuser-7\n');
  assert.match(note, /first column, without the “email” header/);
});

test("the results CSV of an earlier job uploads as its entries", () => {
  const csv = "entry,user_id,email,outcome,message\nana@x.test,u1,ana@x.test,ok,Revoked\nnobody@x.test,,,not-found,No user\n";
  assert.equal(listFromFile("results.csv", csv).text, "ana@x.test\nnobody@x.test\n");
});

test("a .csv without a header keeps its first line", () => {
  assert.equal(listFromFile("l.csv", "a@x.test\nb@x.test").text, "a@x.test\nb@x.test");
});

test("the browser's fingerprint is the job's (Web Crypto and node:crypto agree)", async () => {
  for (const entries of [["a@x.test", "b@x.test"], ["Ünïcode@x.test", "user-1"], []]) {
    assert.equal(await browserListFingerprint(entries), listFingerprint(entries));
  }
});
