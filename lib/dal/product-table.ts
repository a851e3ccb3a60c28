import "server-only";
import { serverConfig } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { dynamo } from "@/lib/dynamo/server";

/** The product table as the DAL sees it: schema, key builders, clients, and the cursor secret. */
export function productTable() {
  const config = serverConfig();
  const schema = config.dynamo.product;
  const { doc, raw } = dynamo();
  return { schema, keys: keysFor(schema), doc, raw, secret: config.secret, config };
}

export type ProductTable = ReturnType<typeof productTable>;
