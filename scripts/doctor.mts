/**
 * `npm run doctor`: the table doctor on the configured tables (the embedded engine when that is
 * the default). Schema checks, then the data checks on the product table; prints each finding
 * and exits 1 when anything is found. It repairs nothing: repairs are audited console actions.
 */
import { parseArgs } from "node:util";
import { Meter } from "@/lib/dynamo/meter";
import { inspectTable } from "@/lib/dynamo/table-health";
import { parseActivityConfig } from "@/lib/features/activity/config";
import { DEFAULT_DOCTOR_BUDGET, diagnoseData } from "@/lib/features/doctor/findings";
import { runScript, withEngine } from "./lib/engine";
import { formatFinding, problemsIn, streamCheckFor } from "./lib/setup-tables";

const { values } = parseArgs({ options: { budget: { type: "string" } } });
const budget = values.budget ? Number(values.budget) : DEFAULT_DOCTOR_BUDGET;

await runScript(async () => {
  if (!Number.isInteger(budget) || budget < 1) {
    console.error("--budget takes a whole number of items to read, e.g. --budget 500000");
    return 1;
  }
  return withEngine(async (clients, config) => {
    console.log(`Table doctor on ${config.endpoint ?? `AWS ${config.region}`}\n`);
    let problems = 0;
    const schemas = config.product.tableName === config.gatehouse.tableName ? [config.product] : [config.product, config.gatehouse];
    let productExists = true;
    const activity = parseActivityConfig(process.env, config.engine).mode;
    for (const schema of schemas) {
      const health = await inspectTable(clients.raw, schema, streamCheckFor(config, schema));
      if (schema === config.product) productExists = health.exists;
      const counted = problemsIn(health.findings, activity);
      const uncounted = health.findings.length - counted;
      console.log(
        `Schema of ${schema.tableName}: ${counted ? `${counted} problem(s)` : "ok"}${uncounted ? ` (${uncounted} for activity, which GATEHOUSE_ACTIVITY=off turns off)` : ""}`,
      );
      for (const finding of health.findings) console.log(formatFinding(finding, finding.level === "error" ? "✗" : "!"));
      problems += counted;
    }
    if (!productExists) {
      console.log("\nData checks skipped: the product table does not exist.");
      return 1;
    }

    const meter = new Meter();
    const started = performance.now();
    const data = await diagnoseData(clients.doc, meter, config.product, { budget });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const units = meter.report().reduce((sum, e) => sum + e.readUnits, 0);
    console.log(
      `\nData of ${config.product.tableName}: read ${data.scanned} items in ${seconds} s (${Math.round(units * 10) / 10} RCU)${
        data.complete ? "" : `, cut short at --budget ${budget}: counts cover the part read`
      }`,
    );
    for (const finding of data.findings) {
      const mark = finding.count ? (finding.risk ? "!" : "✗") : "✓";
      console.log(`  ${mark} ${finding.title}: ${finding.count}${finding.count && finding.risk ? " (a risk, not a problem)" : ""}`);
      if (!finding.count) continue;
      for (const example of finding.examples)
        console.log(`      ${example.label}${example.userIds && example.userIds.length > 1 ? ` (users ${example.userIds.join(", ")})` : ""}`);
      if (finding.count > finding.examples.length) console.log(`      …and ${finding.count - finding.examples.length} more`);
      console.log(`    ${finding.repair ? `repair in the console (/doctor, admins): ${finding.repair}` : `no automatic repair: ${finding.noRepair}`}`);
      if (!finding.risk) problems += finding.count;
    }
    console.log(problems ? `\n${problems} problem(s) found.` : "\nNo problems found.");
    return problems ? 1 : 0;
  });
});
