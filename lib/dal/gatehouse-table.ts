import "server-only";
import { serverConfig } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { dynamo } from "@/lib/dynamo/server";

/** Gatehouse's own table: operators' Auth.js items, the audit log and undo tombstones. */
export function gatehouseTable() {
  const config = serverConfig();
  const schema = config.dynamo.gatehouse;
  const keys = keysFor(schema);
  const { pk, sk } = keys.names;
  return {
    schema,
    doc: dynamo().doc,
    names: keys.names,
    auditDay: (day: string) => `AUDIT#${day}`,
    auditKey: (day: string, sortKey: string) => ({ [pk]: `AUDIT#${day}`, [sk]: sortKey }),
    tombstoneKey: (id: string) => ({ [pk]: `TOMBSTONE#${id}`, [sk]: `TOMBSTONE#${id}` }),
  };
}
