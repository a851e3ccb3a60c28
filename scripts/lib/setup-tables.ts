import { auditIndexMarkerItem } from "@/lib/audit/user-index";
import type { DynamoConfig, TableSchema } from "@/lib/config";
import { enableStream, ensureTable, type Finding, type TableHealth } from "@/lib/dynamo/table-health";
import type { ActivityConfig } from "@/lib/features/activity/config";
import type { Clients } from "./engine";

export function tablesOf(config: DynamoConfig): TableSchema[] {
  return config.gatehouse.tableName === config.product.tableName ? [config.product] : [config.product, config.gatehouse];
}

/** Only the product table has a stream: activity reads it. Gatehouse's own table needs none. */
export function streamCheckFor(config: DynamoConfig, schema: TableSchema) {
  return { stream: schema.tableName === config.product.tableName };
}

/** The findings that make setup and the doctor exit non-zero: a missing stream only while activity is on. */
export function problemsIn(findings: Finding[], activity: ActivityConfig["mode"]): number {
  return findings.filter((f) => f.scope !== "activity" || activity !== "off").length;
}

/** One finding as setup and `npm run doctor` print it. */
export function formatFinding(finding: Finding, mark: string): string {
  return `  ${mark} ${finding.message}\n    fix: ${finding.fix}${finding.note ? `\n    note: ${finding.note}` : ""}`;
}

export interface SetupOptions {
  /** Turn on the product table's stream when it has none (`--enable-streams`; always on the embedded engine). */
  enableStreams?: boolean;
  /** GATEHOUSE_ACTIVITY: with `off`, a missing stream is still printed but not counted. */
  activity?: ActivityConfig["mode"];
}

/** Creates what is missing, checks what exists, and prints one report. Returns the number of findings counted as problems. */
export async function setupTables(
  clients: Clients,
  config: DynamoConfig,
  log = console.log,
  options: SetupOptions = {},
): Promise<{ findings: number; created: string[]; streamsEnabled: string[]; health: TableHealth[] }> {
  let findings = 0;
  const created: string[] = [];
  const streamsEnabled: string[] = [];
  const health: TableHealth[] = [];
  for (const schema of tablesOf(config)) {
    const check = streamCheckFor(config, schema);
    const result = await ensureTable(clients.raw, schema, check);
    let tableHealth = result.health;
    if (result.created) created.push(schema.tableName);
    if (result.created && schema.tableName === config.gatehouse.tableName) await markIndexComplete(clients, config.gatehouse);
    let state = result.created ? "created" : "exists, checked";
    // Only a table with no stream at all: one of another view type may have another reader, so it is reported, never switched.
    if (check.stream && options.enableStreams && tableHealth.exists && tableHealth.stream?.enabled === false) {
      tableHealth = await enableStream(clients.raw, schema);
      streamsEnabled.push(schema.tableName);
      state += ", stream turned on";
    }
    health.push(tableHealth);
    log(`${tableHealth.findings.length ? "✗" : "✓"} ${schema.tableName}: ${state}`);
    for (const f of tableHealth.findings) log(formatFinding(f, f.level === "error" ? "error  " : "warning"));
    findings += problemsIn(tableHealth.findings, options.activity ?? "poll");
  }
  return { findings, created, streamsEnabled, health };
}

/** A fresh Gatehouse table holds no audit entry yet: every one it gets is indexed by user from the start. */
async function markIndexComplete(clients: Clients, schema: TableSchema) {
  await clients.doc.put({
    TableName: schema.tableName,
    Item: auditIndexMarkerItem(schema, { since: new Date().toISOString(), earlierEntries: false }),
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": schema.partitionKey },
  });
}
