import "server-only";
import { authorizeRecorded, failureMessage, RefusedError } from "@/lib/audit/act";
import type { AuditEntry } from "@/lib/audit/entry";
import { completeAudit } from "@/lib/audit/repair";
import { startAudit } from "@/lib/audit/writer";
import type { Operator } from "@/lib/auth/operator";
import { requestContext } from "@/lib/auth/request-context";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { Meter } from "@/lib/dynamo/meter";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import type { Item } from "@/lib/dynamo/scan-page";
import { toSessionRow } from "@/lib/features/sessions/row";
import { toTokenRow } from "@/lib/features/tokens/row";
import { queryUserHistory } from "@/lib/features/users/history";
import { chargeReadUnits, checkReadBudget } from "@/lib/limits/read-budget";
import { type RawEntity, redactItem, SECRET_ATTRIBUTES } from "@/lib/secrets";

export const EXPORT_SCHEMA_VERSION = 1;

export interface UserExport {
  filename: string;
  auditId: string;
  body: ReadableStream<Uint8Array>;
}

type Counts = { accounts: number; sessions: number; verificationTokens: number; otherItems: number; history: number };

/** Tokens keep only that they are there; everything else as the raw-items view shows it. */
function exportedAccount(item: Item, redact: (item: Item, entity: RawEntity) => Record<string, unknown>) {
  const out = redact(item, "account");
  for (const name of Object.keys(item)) if (SECRET_ATTRIBUTES.has(name)) out[name] = { present: true };
  return out;
}

/** What the user was subjected to; the operators' own addresses and browsers stay in the audit log. */
function exportedEntry(entry: AuditEntry) {
  const { ip: _ip, userAgent: _userAgent, ...rest } = entry;
  return rest;
}

async function* pages(table: ProductTable, meter: Meter, partition: string, sortPrefix?: string): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await meter.run("Query", () =>
      table.doc.query({
        TableName: table.schema.tableName,
        KeyConditionExpression: sortPrefix ? "#pk = :pk AND begins_with(#sk, :prefix)" : "#pk = :pk",
        ExpressionAttributeNames: { "#pk": table.keys.names.pk, ...(sortPrefix ? { "#sk": table.keys.names.sk } : {}) },
        ExpressionAttributeValues: { ":pk": partition, ...(sortPrefix ? { ":prefix": sortPrefix } : {}) },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Everything the console holds about one user, as one JSON document written piece by piece
 * while DynamoDB is read (nothing is held whole, so there is no size limit but DynamoDB's):
 * the user item and their other items as the raw-items view shows them, accounts with tokens
 * reduced to their presence, sessions and sign-in tokens as fingerprints, and their audit
 * history. Audited `export-user`: started before the first byte, finished when the last is
 * written (or the download fails or is abandoned).
 */
export async function exportUser(operator: Operator | null, userId: string): Promise<UserExport | null> {
  const context = await requestContext();
  const target = { userId };
  const allowed = await authorizeRecorded(operator, "export-user", target, context);
  await checkReadBudget(allowed);
  const table = productTable();
  const gatehouse = gatehouseTable();
  const meter = new Meter();
  const show = table.config.showAttributes;
  const redact = (item: Item, entity: RawEntity) => redactItem(item, { keys: table.keys.names, entity, show });

  const handle = await startAudit(allowed, context, "export-user", target, null);
  let user: Item | undefined;
  try {
    ({ Item: user } = await meter.run("GetItem", () =>
      table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ReturnConsumedCapacity: "TOTAL" }),
    ));
  } catch (error) {
    await completeAudit(handle, { result: "failed", message: failureMessage(error, "export-user", context.requestId) });
    throw error;
  }
  if (!user) {
    await completeAudit(handle, { result: "refused", message: `refused: ${new RefusedError("There is no user with this id.").message}` });
    return null;
  }
  const userItem: Item = user;
  const email = typeof user.email === "string" && user.email !== "" ? user.email : null;
  const withEmail = email ? { userId, email } : target;
  const counts: Counts = { accounts: 0, sessions: 0, verificationTokens: 0, otherItems: 0, history: 0 };
  const now = Date.now();
  const json = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");

  async function* document(): AsyncGenerator<string> {
    yield `{\n  "schemaVersion": ${EXPORT_SCHEMA_VERSION},\n  "exportedAt": ${JSON.stringify(new Date(now).toISOString())},\n  "table": ${JSON.stringify(table.schema.tableName)},\n  "userId": ${JSON.stringify(userId)},\n  "user": ${json(redact(userItem, "user"))}`;

    // The partition, in key order: every ACCOUNT# item comes before every SESSION# item, so each
    // is one run and goes out as it is read. Items of no known kind are rarer; they follow.
    const runs = { account: "accounts", session: "sessions" } as const;
    let open: keyof typeof runs | null = null;
    const seen = new Set<keyof typeof runs>();
    const others: Item[] = [];
    const write = function* (kind: keyof typeof runs, value: unknown): Generator<string> {
      if (open !== kind) {
        if (open) yield "\n  ]";
        yield `,\n  "${runs[kind]}": [\n    `;
        open = kind;
        seen.add(kind);
      } else yield ",\n    ";
      yield json(value).replace(/\n/g, "\n  ");
    };
    for await (const items of pages(table, meter, table.keys.userPartition(userId))) {
      for (const item of items) {
        const parsed = table.keys.parse(item);
        if (parsed.kind === "user") continue;
        if (parsed.kind === "account") {
          counts.accounts++;
          yield* write("account", exportedAccount(item, redact));
        } else if (parsed.kind === "session") {
          counts.sessions++;
          const row = toSessionRow(item, parsed, now, table.config.productSessionSeconds);
          yield* write("session", { fingerprint: row.fingerprint, expires: row.expires === null ? null : new Date(row.expires).toISOString(), live: row.live });
        } else others.push(item);
      }
    }
    if (open) yield "\n  ]";
    for (const kind of ["account", "session"] as const) if (!seen.has(kind)) yield `,\n  "${runs[kind]}": []`;
    counts.otherItems = others.length;
    yield `,\n  "otherItems": ${json(others.map((item) => redact(item, "unknown")))}`;

    yield `,\n  "verificationTokens": [`;
    if (email) {
      for await (const items of pages(table, meter, table.keys.verificationTokenPartition(email))) {
        for (const item of items) {
          const parsed = table.keys.parse(item);
          if (parsed.kind !== "verificationToken") continue;
          const row = toTokenRow(item, parsed, now);
          yield `${counts.verificationTokens++ ? "," : ""}\n    ${json({ identifier: row.identifier, fingerprint: row.fingerprint, expires: row.expires === null ? null : new Date(row.expires).toISOString() }).replace(/\n/g, "\n  ")}`;
        }
      }
    }
    yield counts.verificationTokens ? "\n  ]" : "]";

    yield `,\n  "history": [`;
    let start: Item | undefined;
    do {
      const page = await queryUserHistory(gatehouse, meter, userId, 100, start);
      for (const entry of page.entries) yield `${counts.history++ ? "," : ""}\n    ${json(exportedEntry(entry)).replace(/\n/g, "\n  ")}`;
      start = page.next;
    } while (start);
    yield counts.history ? "\n  ]" : "]";
    yield `,\n  "counts": ${json(counts)}\n}\n`;
  }

  const summary = () =>
    `Exported ${email ?? userId}: ${counts.accounts} accounts, ${counts.sessions} sessions, ${counts.verificationTokens} sign-in tokens, ${counts.history} history entries${counts.otherItems ? `, ${counts.otherItems} other items` : ""}.`;
  // One outcome, whoever gets there first (the end, a failure, or the reader walking away).
  let finishing: Promise<void> | null = null;
  const finish = (outcome: Parameters<typeof completeAudit>[1]) =>
    (finishing ??= (async () => {
      await chargeReadUnits(allowed, meter.readUnits).catch(() => undefined);
      await completeAudit(handle, { ...outcome, counts: { ...counts }, target: withEmail });
    })());
  const after = () => summary().replace(/^Exported [^:]+: /, "");
  const pieces = document();
  const encoder = new TextEncoder();
  let abandoned = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next();
        if (abandoned) return;
        if (done) {
          await finish({ result: "ok", message: summary() });
          controller.close();
        } else controller.enqueue(encoder.encode(value));
      } catch (error) {
        if (abandoned) return;
        await finish({ result: "failed", message: `${failureMessage(error, "export-user", context.requestId)} (after ${after()})` });
        controller.error(error);
      }
    },
    async cancel() {
      abandoned = true;
      await finish({ result: "failed", message: `failed: the download was abandoned (after ${after()})` });
      await pieces.return(undefined).catch(() => undefined);
    },
  });
  return { filename: `user-${userId}.json`, auditId: handle.id, body };
}
