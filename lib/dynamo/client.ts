import type { AsyncResource } from "node:async_hooks";
import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { DynamoConfig } from "@/lib/config";
import { countReads } from "./read-tally";
import { rootScope, sendInScope } from "./root-scope";
import { countWrites } from "./write-tally";

/** The adapter docs' marshall options, so items read and written here match the adapter's. */
export const marshallOptions = {
  convertEmptyValues: true,
  removeUndefinedValues: true,
  convertClassInstanceToMap: true,
} as const;

function newClient(config: Pick<DynamoConfig, "endpoint" | "region" | "credentials">): DynamoDB {
  return new DynamoDB({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    maxAttempts: 5,
    // Without these a dead endpoint holds a page until the OS gives up on the connection.
    // Throttling retries are unaffected: they are answers, not timeouts.
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 20_000 },
  });
}

/** `scope`: where the clients' calls run (see root-scope.ts); the one captured at server start unless given. */
export function createDynamoClients(config: Pick<DynamoConfig, "endpoint" | "region" | "credentials">, options: { scope?: AsyncResource | null } = {}) {
  const scope = options.scope === undefined ? rootScope() : options.scope;
  // Made in the root scope too: the request handler memoizes a config promise as it is built,
  // and the server builds its one client lazily, inside the first page's request.
  const raw = scope ? scope.runInAsyncScope(() => newClient(config)) : newClient(config);
  const doc = DynamoDBDocument.from(raw, { marshallOptions });
  if (scope) {
    sendInScope(raw, scope);
    sendInScope(doc, scope);
  }
  // Outermost, so it sees the caller's context before the call moves into the root scope.
  countWrites(raw);
  countWrites(doc);
  countReads(raw);
  countReads(doc);
  return { raw, doc };
}
