import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import { generateApiKey } from "@/lib/auth/api-key";
import { apiKeyExpiryDays, apiKeyStatus } from "@/lib/auth/api-key-policy";
import { authorize, ForbiddenError } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { scopes as allScopes, type Scope } from "@/lib/auth/roles";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { queryItems, queryPages } from "@/lib/dynamo/query-pages";
import type { Item } from "@/lib/dynamo/scan-page";
import type { ApiKeyRow } from "./schema";

const DAY_MS = 24 * 3600_000;
/** The attributes read for the list: the key's own pk/sk (its hash) are left out. */
const ROW_ATTRIBUTES = ["keyId", "name", "scopes", "createdBy", "createdAt", "expiresAt", "lastUsedAt", "revokedAt", "revokedBy"];

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

function toRow(item: Item, now: number): ApiKeyRow {
  const lastUsed = typeof item.lastUsedAt === "number" ? new Date(item.lastUsedAt).toISOString() : null;
  const row = {
    id: String(item.keyId),
    name: String(item.name),
    scopes: (Array.isArray(item.scopes) ? item.scopes : []).filter((s): s is Scope => (allScopes as readonly string[]).includes(s as string)),
    createdBy: String(item.createdBy),
    createdAt: String(item.createdAt),
    expiresAt: String(item.expiresAt),
    lastUsedAt: lastUsed,
    revokedAt: text(item.revokedAt),
    revokedBy: text(item.revokedBy),
  };
  return { ...row, status: apiKeyStatus(row, now) };
}

/** Managing keys is for signed-in admins: a key can never list, mint or revoke keys. */
function authorizeKeyAdmin(operator: Operator | null): Operator {
  if (operator?.kind === "api-key") throw new ForbiddenError("API keys cannot manage API keys: sign in to the console.");
  return authorize(operator, "users:write");
}

/** Every key, newest first: one Query on the GSI1 partition APIKEYS (paged), never a Scan. */
export async function listApiKeys(operator: Operator | null): Promise<{ keys: ApiKeyRow[]; now: number }> {
  authorizeKeyAdmin(operator);
  const table = gatehouseTable();
  const now = Date.now();
  const items = await queryItems(table.doc, {
    TableName: table.schema.tableName,
    IndexName: table.schema.indexName,
    KeyConditionExpression: "#gpk = :gpk",
    ExpressionAttributeNames: { "#gpk": table.names.gpk, ...Object.fromEntries(ROW_ATTRIBUTES.map((a, i) => [`#a${i}`, a])) },
    ExpressionAttributeValues: { ":gpk": table.apiKeysPartition },
    ProjectionExpression: ROW_ATTRIBUTES.map((_, i) => `#a${i}`).join(", "),
    ScanIndexForward: false,
  });
  return { keys: items.map((item) => toRow(item, now)), now };
}

export interface CreatedApiKey {
  /** The key itself: shown once, then only its hash exists. */
  key: string;
  row: ApiKeyRow;
  message: string;
  auditId: string;
}

/** Creates a key (admins, with a recent sign-in): stores its SHA-256 and returns the key once. */
export async function createApiKey(operator: Operator | null, request: { name: string; scopes: Scope[]; expiresInDays: number }): Promise<CreatedApiKey> {
  const { key, hash, id } = generateApiKey();
  let row: ApiKeyRow | undefined;
  const outcome = await audited(
    operator,
    "create-api-key",
    { apiKeyId: id, apiKeyName: request.name },
    null,
    async ({ operator: by }): Promise<Outcome> => {
      const table = gatehouseTable();
      const now = Date.now();
      const createdAt = new Date(now).toISOString();
      const expiresAt = new Date(now + Math.min(request.expiresInDays, Math.max(...apiKeyExpiryDays)) * DAY_MS).toISOString();
      const scopes = allScopes.filter((s) => request.scopes.includes(s));
      await table.doc.put({
        TableName: table.schema.tableName,
        Item: {
          ...table.apiKeyKey(hash),
          ...table.apiKeyIndex(createdAt, id),
          type: "APIKEY",
          keyId: id,
          name: request.name,
          scopes,
          createdBy: by.email,
          createdAt,
          expiresAt,
        },
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": table.names.pk },
      });
      row = { id, name: request.name, scopes, createdBy: by.email, createdAt, expiresAt, lastUsedAt: null, revokedAt: null, revokedBy: null, status: "active" };
      return {
        result: "ok",
        message: `Created API key "${request.name}" (${id.slice(0, 8)}) with ${scopes.join(", ")}, valid until ${expiresAt.slice(0, 10)}.`,
      };
    },
    { stepUp: true, consoleOnly: true },
  );
  if (!row) throw new Error("createApiKey: the key was not written");
  return { key, row, message: outcome.message, auditId: outcome.auditId };
}

/** The stored item of a key id: one Query of the APIKEYS partition, filtered (there are few keys). */
async function keyItemById(id: string): Promise<Item | undefined> {
  const table = gatehouseTable();
  const pages = queryPages(table.doc, {
    TableName: table.schema.tableName,
    IndexName: table.schema.indexName,
    KeyConditionExpression: "#gpk = :gpk",
    FilterExpression: "#id = :id",
    ExpressionAttributeNames: { "#gpk": table.names.gpk, "#id": "keyId", "#name": "name", "#pk": table.names.pk, "#sk": table.names.sk },
    ExpressionAttributeValues: { ":gpk": table.apiKeysPartition, ":id": id },
    ProjectionExpression: "#pk, #sk, #id, #name",
  });
  for await (const page of pages) if (page.Items?.[0]) return page.Items[0];
  return undefined;
}

/** Revokes a key at once: the next request with it gets a 401. Revoked already is not an error. */
export async function revokeApiKey(operator: Operator | null, request: { id: string }) {
  return audited(
    operator,
    "revoke-api-key",
    { apiKeyId: request.id },
    null,
    async ({ operator: by }): Promise<Outcome> => {
      const table = gatehouseTable();
      const item = await keyItemById(request.id);
      if (!item) throw new RefusedError(`There is no API key ${request.id}.`);
      const target = { apiKeyId: request.id, apiKeyName: String(item.name) };
      try {
        await table.doc.update({
          TableName: table.schema.tableName,
          Key: { [table.names.pk]: item[table.names.pk], [table.names.sk]: item[table.names.sk] },
          UpdateExpression: "SET #revokedAt = :at, #revokedBy = :by",
          ConditionExpression: "attribute_exists(#pk) AND attribute_not_exists(#revokedAt)",
          ExpressionAttributeNames: { "#pk": table.names.pk, "#revokedAt": "revokedAt", "#revokedBy": "revokedBy" },
          ExpressionAttributeValues: { ":at": new Date().toISOString(), ":by": by.email },
        });
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return { result: "ok", message: `API key ${request.id.slice(0, 8)} was already revoked.`, counts: { revoked: 0 }, target };
        throw error;
      }
      return {
        result: "ok",
        message: `Revoked API key "${target.apiKeyName}" (${request.id.slice(0, 8)}): requests with it now get 401.`,
        counts: { revoked: 1 },
        target,
      };
    },
    { consoleOnly: true },
  );
}
