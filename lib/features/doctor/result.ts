import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { findingIds } from "@/lib/features/doctor/findings";

const operations = ["GetItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "DescribeTable", "DeleteItem", "PutItem"] as const;

/** The doctor's last run as kept in the Gatehouse table: findings (ids, emails, fingerprints; never a token), when, by whom, what it read. */
export const storedDoctorReportSchema = z.object({
  at: z.string(),
  by: z.string(),
  findings: z.array(
    z.object({
      id: z.enum(findingIds),
      title: z.string(),
      description: z.string(),
      count: z.number(),
      examples: z.array(z.object({ label: z.string(), userIds: z.array(z.string()).optional() })),
      repair: z.string().optional(),
      noRepair: z.string().optional(),
      risk: z.literal(true).optional(),
    }),
  ),
  scanned: z.number(),
  complete: z.boolean(),
  budget: z.number(),
  readUnits: z.number(),
  meter: z.array(
    z.object({ operation: z.enum(operations), calls: z.number(), readUnits: z.number(), writeUnits: z.number(), ms: z.number(), itemsRead: z.number() }),
  ),
});
export type StoredDoctorReport = z.infer<typeof storedDoctorReportSchema>;

/** A run replaces the last one. */
export async function saveDoctorReport(report: StoredDoctorReport): Promise<void> {
  const table = gatehouseTable();
  await table.doc.put({ TableName: table.schema.tableName, Item: { ...table.doctorKey(), type: "DOCTOR", ...storedDoctorReportSchema.parse(report) } });
}

/** What /doctor shows on a visit: one GetItem, no Scan. Null before the first run (or if the item is not one we wrote). */
export async function lastDoctorReport(operator: Operator | null): Promise<StoredDoctorReport | null> {
  authorize(operator, "read");
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.doctorKey() });
  const parsed = storedDoctorReportSchema.safeParse(Item);
  return parsed.success ? parsed.data : null;
}
