import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { _Record } from "@aws-sdk/client-dynamodb-streams";
import { ensureTable } from "@/lib/dynamo/table-health";
import { readFigures } from "@/lib/features/activity/store";
import type { StreamBatchEvent, StreamBatchResponse } from "@/lib/features/activity/stream-batch";
import { consoleEnv, testDynamo, testSchema } from "@/test/support/dynamo";
import { lambdaEvent, streamedTable } from "@/test/support/stream-records";
import { root } from "./build";

/**
 * `npm run build:activity-lambda` end to end: the script bundles the Lambda, and the bundle, loaded
 * on its own (its own copy of the SDK, no tsx, no path aliases), stores the events of real stream
 * records from DynamoDB Local in Gatehouse's table, read from the console's variables.
 */
let dynamo: Awaited<ReturnType<typeof testDynamo>>;
let records: _Record[] = [];
const product = testSchema("lambda-bundle-product", "custom");
const gatehouse = testSchema("lambda-bundle-gatehouse");
const outdir = mkdtempSync(path.join(tmpdir(), "activity-lambda-"));

before(async () => {
  dynamo = await testDynamo();
  const reader = await streamedTable(dynamo.raw, dynamo.endpoint, product);
  await ensureTable(dynamo.raw, gatehouse);
  const adapter = DynamoDBAdapter(dynamo.doc, product);
  for (let i = 0; i < 2; i++) {
    const user = await adapter.createUser!({ id: "", email: `bundle-${i}-${randomUUID().slice(0, 6)}@example.com`, emailVerified: null });
    await adapter.createSession!({ sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() + 86_400_000) });
  }
  records = await reader.records();
  reader.stop();
});
after(async () => {
  rmSync(outdir, { recursive: true, force: true });
  await dynamo?.stop();
});

test("the built bundle stores real stream records' events in Gatehouse's table", { timeout: 120_000 }, async () => {
  const built = spawnSync(process.execPath, ["--import", "tsx", path.join("scripts", "build-activity-lambda.mts"), "--outdir", outdir], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(built.status, 0, built.stderr);
  const file = path.join(outdir, "index.mjs");
  assert.match(built.stdout, /index\.mjs: .* MB, handler index\.handler/);
  const code = readFileSync(file, "utf8");
  assert.ok(!code.includes('from "@aws-sdk/'), "the AWS SDK is bundled, not taken from the runtime");
  assert.ok(!/from "@\//.test(code), "no path alias left unresolved");
  if (spawnSync("zip", ["-v"]).status === 0) assert.ok(existsSync(path.join(outdir, "activity-lambda.zip")));

  Object.assign(process.env, {
    ...consoleEnv(dynamo.endpoint, product, gatehouse.tableName),
    GATEHOUSE_ACTIVITY: "lambda",
    GATEHOUSE_ACTIVITY_SHARDS: "3",
  });
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: (event: StreamBatchEvent) => Promise<StreamBatchResponse> };
  assert.equal(records.length, 4);
  assert.deepEqual(await handler(lambdaEvent(records)), { batchItemFailures: [] });

  const days = records.map((record) => record.dynamodb!.ApproximateCreationDateTime!.toISOString().slice(0, 10)).sort();
  const sum: Record<string, number> = {};
  const store = { doc: dynamo.doc, schema: gatehouse, retentionDays: 90, shards: 3 };
  for (const day of (await readFigures(store, days[0]!, days.at(-1)!)).values()) {
    for (const [name, value] of Object.entries(day)) sum[name] = (sum[name] ?? 0) + value;
  }
  assert.deepEqual(sum, { events: 4, signUps: 2, sessionsCreated: 2, dau: 2 });
});
