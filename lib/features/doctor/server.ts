import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { batchDelete } from "@/lib/dynamo/batch-delete";
import { heavyScan } from "@/lib/dynamo/heavy-scan";
import { prefixes } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { productTable } from "@/lib/dynamo/product-table";
import { type DataFinding, DEFAULT_DOCTOR_BUDGET, diagnoseData, type RepairableFinding } from "@/lib/features/doctor/findings";
import { plural } from "@/lib/format/plural";
import { saveDoctorReport } from "./result";

export type { DataFinding, RepairableFinding } from "@/lib/features/doctor/findings";
export { lastDoctorReport, type StoredDoctorReport } from "./result";

export interface DoctorReport {
  findings: DataFinding[];
  /** Items read by the Scan. */
  scanned: number;
  /** The whole table was read; when false, counts cover only the part read. */
  complete: boolean;
  budget: number;
  now: number;
  meter: MeterEntry[];
}

/**
 * The table doctor's data checks: one projected parallel Scan of the product table (up to
 * `budget` items), then orphans, shared emails, missing index keys and expired items. One run
 * per operator at a time, within their read budget; the result is kept for /doctor to show.
 */
export async function runDoctor(operator: Operator | null, request: { budget?: number } = {}): Promise<DoctorReport> {
  const allowed = authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  const budget = request.budget ?? DEFAULT_DOCTOR_BUDGET;
  const now = Date.now();
  const { findings, scanned, complete } = await heavyScan(allowed, "the doctor's data checks", meter, (beforeStep) =>
    diagnoseData(table.doc, meter, table.schema, { budget, now, beforeStep }),
  );
  const report = { findings, scanned, complete, budget, now, meter: meter.report() };
  await saveDoctorReport({
    at: new Date(now).toISOString(),
    by: allowed.email,
    findings,
    scanned,
    complete,
    budget,
    readUnits: Math.round(meter.readUnits * 10) / 10,
    meter: report.meter,
  });
  return report;
}

const repairVerbs: Record<RepairableFinding, string> = {
  "orphaned-accounts": "orphaned account item",
  "orphaned-sessions": "orphaned session item",
  "expired-items": "expired item",
  "missing-gsi1-keys": "user item",
};

/**
 * Repairs one finding, audited as "repair-table". The affected keys are found again here (the
 * browser only names the finding), so nothing the page showed minutes ago is trusted.
 */
export async function repairFinding(operator: Operator | null, request: { finding: RepairableFinding; reason: string; budget?: number; budgetMs?: number }) {
  return audited(
    operator,
    "repair-table",
    {},
    request.reason,
    async ({ operator: allowed }): Promise<Outcome> => {
      const table = productTable();
      const meter = new Meter();
      const { targets, scanned, complete } = await heavyScan(allowed, "a doctor repair", meter, (beforeStep) =>
        diagnoseData(table.doc, meter, table.schema, { budget: request.budget ?? DEFAULT_DOCTOR_BUDGET, beforeStep }),
      );
      const what = repairVerbs[request.finding];
      const cutShort = complete ? "" : ` Only the first ${scanned} items of the table were read; run it again for the rest.`;

      if (request.finding === "missing-gsi1-keys") {
        const list = targets["missing-gsi1-keys"];
        const { pk, gpk, gsk } = table.keys.names;
        let updated = 0;
        let skipped = 0;
        for (const { key, email } of list) {
          try {
            await table.doc.update({
              TableName: table.schema.tableName,
              Key: key,
              UpdateExpression: "SET #gpk = :index, #gsk = :index",
              // Only the item as read: still there, still the same email.
              ConditionExpression: "attribute_exists(#pk) AND #email = :email",
              ExpressionAttributeNames: { "#pk": pk, "#gpk": gpk, "#gsk": gsk, "#email": "email" },
              ExpressionAttributeValues: { ":index": `${prefixes.user}${email}`, ":email": email },
            });
            updated++;
          } catch (error) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
            skipped++;
          }
        }
        const message = `Added index keys to ${plural(updated, what)}.${skipped ? ` ${skipped} changed or vanished since they were read and were left alone.` : ""}${cutShort}`;
        return { result: complete ? "ok" : "partial", message, counts: { found: list.length, updated, skipped, scanned } };
      }

      const keys = targets[request.finding];
      if (keys.length === 0) {
        if (!complete) throw new RefusedError(`None found in the first ${scanned} items read; the rest of the table was not read.`);
        return { result: "ok", message: `No ${what}s left: nothing to do.`, counts: { found: 0, deleted: 0, scanned } };
      }
      const result = await batchDelete(table.doc, table.schema.tableName, keys, { budgetMs: request.budgetMs });
      const left = result.remaining.length;
      const message = `Deleted ${plural(result.deleted, what)}.${left ? ` ${left} could not be deleted (DynamoDB kept throttling); run it again.` : ""}${cutShort}`;
      return { result: left || !complete ? "partial" : "ok", message, counts: { found: keys.length, deleted: result.deleted, remaining: left, scanned } };
    },
    { stepUp: true },
  );
}
