import "server-only";
import { serverConfig } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import type { Meter } from "@/lib/dynamo/meter";
import { scanPage, type ScanPageRequest } from "@/lib/dynamo/scan-page";
import { dynamo } from "@/lib/dynamo/server";

/** The product table as the DAL sees it: schema, key builders, clients, and the cursor secret. */
export function productTable() {
  const config = serverConfig();
  const schema = config.dynamo.product;
  const { doc, raw } = dynamo();
  return { schema, keys: keysFor(schema), doc, raw, secret: config.secret, config };
}

export type ProductTable = ReturnType<typeof productTable>;

/** One page of a filtered Scan of the product table, keyed through the configured names. */
export function scanProduct(table: ProductTable, meter: Meter, request: Omit<ScanPageRequest, "doc" | "meter" | "tableName" | "keyNames">) {
  const { pk, sk } = table.keys.names;
  return scanPage({ doc: table.doc, meter, tableName: table.schema.tableName, keyNames: [pk, sk], ...request });
}
