import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { hashApiKey, isApiKeyFormat } from "./api-key";
import { apiKeyStatus } from "./api-key-policy";
import type { ApiKeyOperator } from "./principal";
import { scopes as allScopes, type Scope } from "./roles";

/** `lastUsedAt` is written at most this often per key, so a busy key costs one UpdateItem a minute, not one a request. */
export const LAST_USED_INTERVAL_MS = 60_000;

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export type ApiKeyAuthentication = { ok: true; operator: ApiKeyOperator } | { ok: false; reason: "malformed" | "unknown" | "revoked" | "expired" };

/**
 * The principal behind `Authorization: Bearer gh_...`: one strongly consistent GetItem by the
 * key's hash (a revocation counts at once). Records when the key was last used, at most once a
 * minute (a conditional UpdateItem, like the console sessions' touch).
 */
export async function authenticateApiKey(key: string, now = Date.now()): Promise<ApiKeyAuthentication> {
  if (!isApiKeyFormat(key)) return { ok: false, reason: "malformed" };
  const table = gatehouseTable();
  const Key = table.apiKeyKey(hashApiKey(key));
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key, ConsistentRead: true });
  if (Item?.type !== "APIKEY") return { ok: false, reason: "unknown" };
  const row = {
    id: String(Item.keyId),
    name: String(Item.name),
    scopes: (Array.isArray(Item.scopes) ? Item.scopes : []).filter((s): s is Scope => (allScopes as readonly string[]).includes(s as string)),
    createdBy: String(Item.createdBy),
    expiresAt: String(Item.expiresAt),
  };
  const status = apiKeyStatus({ expiresAt: row.expiresAt, revokedAt: text(Item.revokedAt) }, now);
  if (status !== "active") return { ok: false, reason: status };
  const lastUsedAt = typeof Item.lastUsedAt === "number" ? Item.lastUsedAt : 0;
  if (now - lastUsedAt >= LAST_USED_INTERVAL_MS) {
    try {
      await table.doc.update({
        TableName: table.schema.tableName,
        Key,
        UpdateExpression: "SET #used = :now",
        ConditionExpression: "attribute_exists(#pk) AND (attribute_not_exists(#used) OR #used <= :before)",
        ExpressionAttributeNames: { "#pk": table.names.pk, "#used": "lastUsedAt" },
        ExpressionAttributeValues: { ":now": now, ":before": now - LAST_USED_INTERVAL_MS },
      });
    } catch (error) {
      // Another request of this key touched it within the minute: nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return {
    ok: true,
    operator: {
      kind: "api-key",
      keyId: row.id,
      name: row.name,
      scopes: row.scopes,
      email: row.createdBy,
      expiresAt: Date.parse(row.expiresAt),
      revokedAt: null,
    },
  };
}
