import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import type { StoredItem } from "./adapter-items";
import type { BenchDal } from "./bench-dal";
import { type Counter, log, measure, round, type Sample, summary } from "./bench-measure";
import type { BenchOptions } from "./bench-options";
import { createRng } from "./demo-data";
import type { signedInOperator } from "./operators";

/** Random users, live sessions and accounts of the demo data, a different one each run (the first two warm up). */
export function pickTargets(items: StoredItem[], options: BenchOptions) {
  const pickRng = createRng(options.seed + 2);
  const demoUsers = items.filter((i) => i.type === "USER");
  const demoSessions = items.filter((i) => i.type === "SESSION");
  const demoAccounts = items.filter((i) => String(i.sk).startsWith("ACCOUNT#"));
  const pick = <T>(list: T[]) => {
    const item = list[pickRng.int(0, list.length - 1)];
    if (item === undefined) throw new Error("the demo data has none to pick");
    return item;
  };
  return Array.from({ length: options.runs + 2 }, () => ({
    user: pick(demoUsers),
    session: pick(demoSessions),
    account: pick(demoAccounts),
    detail: pick(demoUsers),
  }));
}

export type Target = ReturnType<typeof pickTargets>[number];

/**
 * Each question answered through the DAL and the way a generic DynamoDB browser answers it
 * (Scan + FilterExpression), on the same targets, with the requests and capacity each took.
 */
export async function benchLookups(options: {
  admin: ReturnType<typeof signedInOperator>;
  bench: BenchDal;
  naive: { doc: DynamoDBDocument };
  naiveCounter: Counter;
  product: TableSchema;
  targets: Target[];
  scanRuns: number;
  /** The most one Scan-way lookup may take: DynamoDB Local scans a million items far more slowly than DynamoDB. */
  scanBudgetSeconds: number;
}) {
  const { admin: ADMIN, bench, naive, naiveCounter, product, targets } = options;
  const { dal } = bench;

  /**
   * What a generic DynamoDB browser does: Scan with a FilterExpression, page after page until found
   * (or to the end). Past the budget it stops between pages and says so: what it read until then is
   * a lower bound of what the whole lookup costs, never a result.
   */
  async function scanUntil(filter: string, names: Record<string, string>, vals: Record<string, unknown>, toTheEnd = false): Promise<{ capped: boolean }> {
    const deadline = performance.now() + options.scanBudgetSeconds * 1000;
    let start: Record<string, unknown> | undefined;
    const found: StoredItem[] = [];
    do {
      if (performance.now() >= deadline) return { capped: true };
      const page = await naive.doc.scan({
        TableName: product.tableName,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: vals,
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      });
      found.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && (toTheEnd || found.length === 0));
    if (!found.length) throw new Error(`the Scan way found nothing for ${JSON.stringify(vals)}`);
    return { capped: false };
  }

  const questions = [
    {
      name: "user by email",
      dal: async (t: Target) => {
        const r = await dal.users.lookUpUser(ADMIN, String(t.user.email));
        if (r.id !== t.user.id) throw new Error("lookUpUser found the wrong user");
      },
      scan: (t: Target) => scanUntil("#g = :g", { "#g": "GSI1PK" }, { ":g": `USER#${t.user.email}` }),
    },
    {
      name: "session by token",
      dal: async (t: Target) => {
        const r = await dal.sessions.lookUpSession(ADMIN, String(t.session.sessionToken));
        if (r.userId !== t.session.userId) throw new Error("lookUpSession found the wrong user");
      },
      scan: (t: Target) => scanUntil("#sk = :s", { "#sk": "sk" }, { ":s": `SESSION#${t.session.sessionToken}` }),
    },
    {
      name: "account by provider + id",
      dal: async (t: Target) => {
        const r = await dal.accounts.lookUpAccount(ADMIN, String(t.account.provider), String(t.account.providerAccountId));
        if (r.userId !== t.account.userId) throw new Error("lookUpAccount found the wrong user");
      },
      scan: (t: Target) =>
        scanUntil("#p = :p AND #a = :a", { "#p": "provider", "#a": "providerAccountId" }, { ":p": t.account.provider, ":a": t.account.providerAccountId }),
    },
    {
      name: "user detail (accounts+sessions+tokens)",
      dal: async (t: Target) => {
        const r = await dal.detail.getUserDetail(ADMIN, String(t.detail.id));
        if (!r) throw new Error("getUserDetail found no user");
      },
      // Everything of the user is spread over the table: a browser must read to the end to have it all.
      scan: (t: Target) => scanUntil("#pk = :u OR #pk = :vt", { "#pk": "pk" }, { ":u": `USER#${t.detail.id}`, ":vt": `VT#${t.detail.email}` }, true),
    },
  ];

  const lookups = [];
  for (const q of questions) {
    for (const t of targets.slice(0, 2)) await q.dal(t); // warm-up
    const viaDal: Sample[] = [];
    for (const t of targets.slice(2)) viaDal.push(await measure(bench.counter, () => q.dal(t)));
    const viaScan: Sample[] = [];
    let capped = false;
    for (const t of targets.slice(2, 2 + options.scanRuns)) {
      viaScan.push(await measure(naiveCounter, async () => ({ capped } = await q.scan(t))));
      if (capped) break; // the next run would stop at the same budget, and prove no more
    }
    const d = summary(viaDal);
    const s = summary(viaScan);
    const entry = {
      question: q.name,
      dal: d,
      scan: { ...s, cappedAtSeconds: capped ? options.scanBudgetSeconds : undefined },
      // With a capped Scan these are lower bounds: the whole Scan would have taken longer and read more.
      ratio: {
        time: ratio(s.p50Ms, d.p50Ms),
        requests: round(s.requestsP50 / d.requestsP50, 1),
        readUnits: ratio(s.readUnitsP50, Math.max(d.readUnitsP50, 0.5)),
      },
    };
    lookups.push(entry);
    const scanned = `${capped ? `stopped at the ${options.scanBudgetSeconds} s budget after` : "p50"} ${s.p50Ms} ms, ${s.requestsP50} req, ${s.readUnitsP50} RCU`;
    log(`${q.name}: DAL p50 ${d.p50Ms} ms, ${d.requestsMax} req, ${d.readUnitsP50} RCU | Scan ${scanned}`);
  }
  return lookups;
}

/** Whole times above 10x, tenths below: a small ratio is never rounded down to "0x". */
export function ratio(of: number, to: number): number {
  const r = of / to;
  return round(r, r >= 10 ? 0 : r >= 0.1 ? 1 : 3);
}

export type LookupFigures = Awaited<ReturnType<typeof benchLookups>>;
