import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { GUARD_PARTITION } from "@/lib/dynamo/keys";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { productTable } from "@/lib/dynamo/product-table";
import { queryItems } from "@/lib/dynamo/query-pages";
import { type GuardStatus, guardStatus } from "@/lib/features/guard/status";

const seen = (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : null);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/** gatehouse-guard's heartbeats (one item per product app): one Query on the GATEHOUSE#GUARD partition. */
export async function getGuardStatus(operator: Operator | null, meter = new Meter()): Promise<GuardStatus & { meter: MeterEntry[] }> {
  authorize(operator, "read");
  return readGuardStatus(meter);
}

/** The same, for an action's own preview, which has authorized the operator for the action (a sessions:write key may lack read). */
export async function readGuardStatus(meter = new Meter()): Promise<GuardStatus & { meter: MeterEntry[] }> {
  const table = productTable();
  const { pk, sk } = table.keys.names;
  const items = await queryItems(
    table.doc,
    {
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": pk, "#sk": sk, "#app": "appName", "#v": "guardVersion", "#s": "sessionStrategy", "#at": "seenAt" },
      ExpressionAttributeValues: { ":pk": GUARD_PARTITION },
      ProjectionExpression: "#pk, #sk, #app, #v, #s, #at",
    },
    meter,
  );
  const heartbeats = items.map((item) => ({
    appName: text(item.appName) ?? String(item[sk]),
    seenAt: seen(item.seenAt),
    sessionStrategy: text(item.sessionStrategy),
    version: text(item.guardVersion),
  }));
  return { ...guardStatus(heartbeats, Date.now()), meter: meter.report() };
}
