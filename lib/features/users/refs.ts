import "server-only";
import { batchGet } from "@/lib/dynamo/batch-get";
import type { Meter } from "@/lib/dynamo/meter";
import type { ProductTable } from "@/lib/dynamo/product-table";
import { toUserRef, USER_REF_ATTRIBUTES } from "@/lib/features/users/row";
import type { UserRef } from "@/lib/features/users/schema";

/** The users behind one page of rows: one BatchGetItem (ids are unique per page, at most 100). */
export async function userRefs(table: ProductTable, meter: Meter, userIds: string[]): Promise<Map<string, UserRef>> {
  const ids = [...new Set(userIds)];
  const items = await batchGet(
    table.doc,
    meter,
    table.schema.tableName,
    ids.map((id) => table.keys.user(id)),
    [table.keys.names.pk, table.keys.names.sk, ...USER_REF_ATTRIBUTES],
  );
  const refs = new Map<string, UserRef>();
  for (const item of items) {
    const parsed = table.keys.parse(item);
    if (parsed.kind === "user") refs.set(parsed.id, toUserRef(item, parsed.id));
  }
  return refs;
}
