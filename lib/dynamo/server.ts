import "server-only";
import { serverConfig } from "@/lib/config";
import { dynamoIsDown, PROBE_SECONDS } from "@/lib/dynamo/breaker";
import { createDynamoClients } from "@/lib/dynamo/client";
import { trackAvailability } from "@/lib/dynamo/unavailable";

let clients: ReturnType<typeof createDynamoClients> | undefined;
let probing = false;

/** The one DynamoDB client pair of the server process. */
export function dynamo() {
  if (!clients) {
    clients = createDynamoClients(serverConfig().dynamo);
    trackAvailability(clients.raw, { failFast: true, onDown: startProbing });
  }
  return clients;
}

/**
 * While DynamoDB is unreachable, pages fail fast (the proxy answers 503), so no page request
 * would notice it coming back: this asks DescribeTable every few seconds until any answer
 * arrives, which closes the breaker. Its own client, so the fail-fast check does not stop it.
 */
function startProbing() {
  if (probing) return;
  probing = true;
  const config = serverConfig().dynamo;
  const probe = createDynamoClients(config);
  trackAvailability(probe.raw, { failFast: false });
  const tick = async () => {
    await probe.raw.describeTable({ TableName: config.product.tableName }).catch(() => undefined);
    if (dynamoIsDown()) setTimeout(tick, PROBE_SECONDS * 1000).unref();
    else {
      probing = false;
      probe.raw.destroy();
      console.error("[dynamo] DynamoDB answers again");
    }
  };
  setTimeout(tick, PROBE_SECONDS * 1000).unref();
}
