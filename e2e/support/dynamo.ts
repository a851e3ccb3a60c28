import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { createDynamoClients } from "@/lib/dynamo/client";
import { type EnvironmentName, environments } from "./environments";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Direct access to the e2e tables, to check what the console did through the adapter itself. */
export function e2eDynamo(name: EnvironmentName = "default") {
  const clients = createDynamoClients({
    endpoint: process.env.E2E_DYNAMODB_ENDPOINT,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const env = environments[name];
  const gatehouse = {
    tableName: env.gatehouseTable,
    partitionKey: "pk",
    sortKey: "sk",
    indexName: "GSI1",
    indexPartitionKey: "GSI1PK",
    indexSortKey: "GSI1SK",
  };
  return {
    ...clients,
    product: env.product,
    gatehouse,
    productAdapter: DynamoDBAdapter(clients.doc, env.product),
    gatehouseAdapter: DynamoDBAdapter(clients.doc, gatehouse),
    /** Every item of a table whose attributes mention `text` anywhere. */
    async itemsMentioning(tableName: string, text: string) {
      const found: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await clients.doc.scan({ TableName: tableName, ExclusiveStartKey: start });
        found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(text)));
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    },
  };
}
