import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { testDynamo, testSchema, useConsoleTables } from "@/test/support/dynamo";

const product = testSchema("gate-product");
const gatehouse = testSchema("gate-gatehouse");
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
const from = (ip: string) => ({ requestId: `r-${Math.random()}`, ip, userAgent: "test" });
// The gate's clock: every request of a test at one instant, so no window or hour edge can fall between them.
const now = new Date("2026-12-01T10:30:00.000Z");

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
    allowed.push(linkRequestAnswer(await gateLinkRequest("ana@ops.test", from(`198.51.100.${i}`), now)));
    refused.push(linkRequestAnswer(await gateLinkRequest("mallory@outside.test", from(`198.51.100.${i}`), now)));
  }
  assert.deepEqual(allowed.slice(0, 3), [true, true, true]);
  assert.deepEqual(refused.slice(0, 3), [LINK_SENT_PATH, LINK_SENT_PATH, LINK_SENT_PATH], "a refusal looks like a link sent");
  for (const answer of [...allowed.slice(3), ...refused.slice(3)]) assert.match(String(answer), /^\/signin\/too-many\?retry=\d+$/);
});

test("one client address gets ten link requests a minute, whatever the addresses", async () => {
  const { gateLinkRequest } = await import("./sign-in-gate");
  const verdicts = [];
  for (let i = 0; i < 12; i++) verdicts.push(await gateLinkRequest(`user${i}@ops.test`, from("203.0.113.50"), now));
  assert.deepEqual(
    verdicts.map((v) => v.kind),
    [...Array(10).fill("send"), "limited", "limited"],
  );
  const last = verdicts[11]!;
  // Ten at 10:30:00 weigh under ten again a tenth into the next minute.
  assert.ok(last.kind === "limited" && last.retryAfterSeconds === 66, JSON.stringify(last));
});

test("an IPv6 client counts per /64: new addresses from one prefix share its ten", async () => {
  const { gateLinkRequest } = await import("./sign-in-gate");
  const verdicts = [];
  for (let i = 1; i <= 12; i++) verdicts.push(await gateLinkRequest(`v6-${i}@ops.test`, from(`2001:db8:7:7::${i.toString(16)}`), now));
  assert.deepEqual(
    verdicts.map((v) => v.kind),
    [...Array(10).fill("send"), "limited", "limited"],
  );
  assert.equal((await gateLinkRequest("v6-other@ops.test", from("2001:DB8:7:0007:ffff:1:2:3"), now)).kind, "limited", "the same /64, written another way");
  assert.equal((await gateLinkRequest("v6-other@ops.test", from("2001:db8:7:8::1"), now)).kind, "send", "the next /64 has its own count");
});

test("refusals are audited once per address per hour, with a count; no Auth.js item is written", async () => {
  const { gateLinkRequest } = await import("./sign-in-gate");
  for (let i = 0; i < 3; i++) await gateLinkRequest("eve@outside.test", from(`192.0.2.${i}`), now);
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
