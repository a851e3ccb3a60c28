import { auditIndexMarkerItem } from "@/lib/audit/user-index";
import type { DynamoConfig, TableSchema } from "@/lib/config";
import { ensureTable, type TableHealth } from "@/lib/dynamo/table-health";
import type { Clients } from "./engine";

export function tablesOf(config: DynamoConfig): TableSchema[] {
  return config.gatehouse.tableName === config.product.tableName ? [config.product] : [config.product, config.gatehouse];
}

/** Creates what is missing, checks what exists, and prints one report. Returns the number of findings. */
export async function setupTables(
  clients: Clients,
  config: DynamoConfig,
  log = console.log,
): Promise<{ findings: number; created: string[]; health: TableHealth[] }> {
  let findings = 0;
  const created: string[] = [];
  const health: TableHealth[] = [];
  for (const schema of tablesOf(config)) {
    const result = await ensureTable(clients.raw, schema);
    health.push(result.health);
    if (result.created) created.push(schema.tableName);
    if (result.created && schema.tableName === config.gatehouse.tableName) await markIndexComplete(clients, config.gatehouse);
    const state = result.created ? "created" : "exists, checked";
    log(`${result.health.findings.length ? "✗" : "✓"} ${schema.tableName}: ${state}`);
    for (const f of result.health.findings) {
      log(`  ${f.level === "error" ? "error  " : "warning"} ${f.message}\n          fix: ${f.fix}`);
    }
    findings += result.health.findings.length;
  }
  return { findings, created, health };
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
