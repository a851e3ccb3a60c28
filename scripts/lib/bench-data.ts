import { randomUUID } from "node:crypto";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { adapterItems, planItems, type StoredItem, sequentialIds, writeItems } from "./adapter-items";
import type { BenchOptions } from "./bench-options";
import { createRng, planDemoData } from "./demo-data";

/** The users the bulk actions act on, made on top of the N items. */
export interface ActionFixtures {
  revokeUser: { id: string; email: string };
  deleteTarget: { id: string; email: string };
  /** Expired sessions and tokens in the table: what Purge expired must delete. */
  expiredTotal: number;
  count: number;
}

/**
 * Plans about N items of demo data (≈4 items per user), tops them up with pending sign-in tokens
 * to exactly N, adds the fixtures the bulk actions need, and writes it all to the product table.
 */
export async function fillProductTable(doc: DynamoDBDocument, product: TableSchema, options: BenchOptions, log: (message: string) => void) {
  const { items: N, seed: SEED } = options;
  const nowAtFill = Date.now();
  const probe =
    planItems(
      product,
      planDemoData({ users: 1000, seed: SEED, now: nowAtFill }),
      sequentialIds(() => "x"),
    ).items.length / 1000;
  const plan = planDemoData({ users: Math.max(1, Math.floor(N / probe)), seed: SEED, now: nowAtFill });
  const ids = createRng(SEED ^ 0x5eed);
  const { items, userIds } = planItems(
    product,
    plan,
    sequentialIds(() => ids.uuid()),
  );
  const build = adapterItems(product);
  const rng = createRng(SEED + 1);
  for (let n = 0; items.length < N; n++) {
    items.push(
      build.verificationToken({ identifier: `bench-newcomer${n}@example.test`, token: rng.hex(64), expires: new Date(nowAtFill + rng.int(1, 23) * 3600_000) }),
    );
  }
  items.length = N;

  // Fixtures for the actions, on top of the N items.
  const fixtures: StoredItem[] = [];
  const revokeUser = { id: randomUUID(), email: "bench-revoke@example.test" };
  fixtures.push(build.user(revokeUser.id, { email: revokeUser.email, name: "Revoke Me", emailVerified: new Date(nowAtFill) }));
  for (let i = 0; i < 1000; i++) fixtures.push(build.session(revokeUser.id, { sessionToken: randomUUID(), expires: new Date(nowAtFill + 24 * 3600_000 + i) }));
  const deleteTarget = { id: randomUUID(), email: "bench-delete@example.test" };
  fixtures.push(build.user(deleteTarget.id, { email: deleteTarget.email, name: "Delete Me", emailVerified: new Date(nowAtFill) }));
  for (const provider of ["github", "google", "okta"]) {
    fixtures.push(
      build.account(deleteTarget.id, randomUUID(), {
        type: "oauth",
        provider,
        providerAccountId: `bench-${provider}`,
        access_token: "at_bench",
        token_type: "bearer",
      }),
    );
  }
  for (let i = 0; i < 994; i++) fixtures.push(build.session(deleteTarget.id, { sessionToken: randomUUID(), expires: new Date(nowAtFill + 24 * 3600_000 + i) }));
  for (let i = 0; i < 2; i++)
    fixtures.push(build.verificationToken({ identifier: deleteTarget.email, token: rng.hex(64), expires: new Date(nowAtFill + 600_000) }));
  // Expired items: the demo data has some; add expired sessions of random users up to 10,000.
  const isExpired = (item: StoredItem) =>
    typeof item.expires === "number" && item.expires < nowAtFill / 1000 && (item.type === "SESSION" || item.type === "VT");
  const expiredInData = items.filter(isExpired).length;
  for (let i = expiredInData; i < 10_000; i++) {
    fixtures.push(
      build.session(userIds[rng.int(0, userIds.length - 1)] ?? "", {
        sessionToken: randomUUID(),
        expires: new Date(nowAtFill - rng.int(1, 72) * 3600_000 - rng.int(0, 999)),
      }),
    );
  }
  const expiredTotal = Math.max(expiredInData, 10_000);

  const all = [...items, ...fixtures];
  const fillStarted = performance.now();
  let lastShown = 0;
  const filled = await writeItems(doc, product.tableName, all, {
    concurrency: 8,
    onProgress: (written, total) => {
      if (written - lastShown >= 10_000 || written === total) {
        lastShown = written;
        const perSecond = Math.round(written / ((performance.now() - fillStarted) / 1000));
        process.stdout.write(`\r[bench] filling: ${written.toLocaleString("en")} / ${total.toLocaleString("en")} items (${perSecond}/s)   `);
      }
    },
  });
  process.stdout.write("\n");
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  log(
    `filled ${filled.written.toLocaleString("en")} items (${N.toLocaleString("en")} demo + ${fixtures.length.toLocaleString("en")} fixtures; ` +
      `${expiredTotal.toLocaleString("en")} expired) in ${fillSeconds.toFixed(1)} s with ${filled.requests} BatchWriteItem requests`,
  );
  const actions: ActionFixtures = { revokeUser, deleteTarget, expiredTotal, count: fixtures.length };
  return { items, userIds, actions, fill: { seconds: fillSeconds, requests: filled.requests, written: filled.written } };
}

export type FilledTable = Awaited<ReturnType<typeof fillProductTable>>;
