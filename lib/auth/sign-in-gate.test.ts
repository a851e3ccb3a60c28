import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

const product = testSchema("gate-product");
const gatehouse = testSchema("gate-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
const from = (ip: string) => ({ requestId: `r-${Math.random()}`, ip, userAgent: "test" });

before(async () => {
  dynamo = await testDynamo();
  await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_RATE_LIMITS: "signin-email=3/15m,signin-ip=10/1m" } });
});
after(() => dynamo?.stop());

test("allowed and refused addresses get the same answers: three links' worth, then the limit", async () => {
  const { gateLinkRequest, linkRequestAnswer, LINK_SENT_PATH } = await import("./sign-in-gate");
  const allowed = [];
  const refused = [];
  for (let i = 0; i < 5; i++) {
    allowed.push(linkRequestAnswer(await gateLinkRequest("ana@ops.test", from(`198.51.100.${i}`))));
    refused.push(linkRequestAnswer(await gateLinkRequest("mallory@outside.test", from(`198.51.100.${i}`))));
  }
  assert.deepEqual(allowed.slice(0, 3), [true, true, true]);
  assert.deepEqual(refused.slice(0, 3), [LINK_SENT_PATH, LINK_SENT_PATH, LINK_SENT_PATH], "a refusal looks like a link sent");
  for (const answer of [...allowed.slice(3), ...refused.slice(3)]) assert.match(String(answer), /^\/signin\/too-many\?retry=\d+$/);
});

test("one client address gets ten link requests a minute, whatever the addresses", async () => {
  const { gateLinkRequest } = await import("./sign-in-gate");
  const verdicts = [];
  for (let i = 0; i < 12; i++) verdicts.push(await gateLinkRequest(`user${i}@ops.test`, from("203.0.113.50")));
  assert.deepEqual(verdicts.map((v) => v.kind), [...Array(10).fill("send"), "limited", "limited"]);
  const last = verdicts[11]!;
  assert.ok(last.kind === "limited" && last.retryAfterSeconds > 0 && last.retryAfterSeconds <= 60);
});

test("refusals are audited once per address per hour, with a count; no Auth.js item is written", async () => {
  const { gateLinkRequest } = await import("./sign-in-gate");
  for (let i = 0; i < 3; i++) await gateLinkRequest("eve@outside.test", from(`192.0.2.${i}`));
  const { Items = [] } = await dynamo.doc.scan({ TableName: gatehouse.tableName });
  const mentions = Items.filter((item) => JSON.stringify(item).includes("eve@outside.test"));
  assert.equal(mentions.length, 1);
  assert.equal(mentions[0]!.type, "AUDIT");
  assert.equal(mentions[0]!.action, "sign-in-refused");
  assert.equal(mentions[0]!.repeats, 3);
  assert.equal(Items.filter((item) => item.type === "USER" || item.type === "VT").length, 0);
});

test("the too-many page takes only a bounded number from its URL", async () => {
  const { retryAfterFrom } = await import("./sign-in-gate");
  assert.equal(retryAfterFrom("120"), 120);
  assert.equal(retryAfterFrom("<script>"), 60);
  assert.equal(retryAfterFrom("-5"), 60);
  assert.equal(retryAfterFrom("1e12"), 24 * 3600);
  assert.equal(retryAfterFrom(null), 60);
});
