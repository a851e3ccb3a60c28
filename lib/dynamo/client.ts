import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { DynamoConfig } from "@/lib/config";

/** The adapter docs' marshall options, so items read and written here match the adapter's. */
export const marshallOptions = {
  convertEmptyValues: true,
  removeUndefinedValues: true,
  convertClassInstanceToMap: true,
} as const;

export function createDynamoClients(config: Pick<DynamoConfig, "endpoint" | "region" | "credentials">) {
  const raw = new DynamoDB({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials,
    maxAttempts: 5,
  });
  const doc = DynamoDBDocument.from(raw, { marshallOptions });
  return { raw, doc };
}
