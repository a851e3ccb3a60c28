import "server-only";
import { serverConfig } from "@/lib/config";
import { createDynamoClients } from "@/lib/dynamo/client";

let clients: ReturnType<typeof createDynamoClients> | undefined;

/** The one DynamoDB client pair of the server process. */
export function dynamo() {
  return (clients ??= createDynamoClients(serverConfig().dynamo));
}
