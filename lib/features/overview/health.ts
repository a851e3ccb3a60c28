import "server-only";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";

/** For load balancers: can this instance reach its table, and how fast. Reveals nothing else. */
export async function probeDynamo(): Promise<{ ok: boolean; dynamodbMs: number }> {
  const started = performance.now();
  try {
    await dynamo().raw.describeTable({ TableName: serverConfig().dynamo.product.tableName });
    return { ok: true, dynamodbMs: Math.round(performance.now() - started) };
  } catch (error) {
    console.error("[health] DynamoDB is unreachable:", error instanceof Error ? error.message : error);
    return { ok: false, dynamodbMs: Math.round(performance.now() - started) };
  }
}
