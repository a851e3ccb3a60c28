import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import type { Item } from "@/lib/dynamo/scan-page";

export const UNDO_DAYS = 7;

/** An attribute of an item as it was: its value, or absent. */
export type AttributeState = { present: true; value: unknown } | { present: false };

export interface Tombstone {
  kind: "unlink-account" | "delete-user" | "edit-user" | "merge-users";
  userId: string;
  /** merge-users: the user the accounts and sessions went to (they stay there on undo). */
  keptUserId?: string;
  /** The product-table items removed, exactly as they were (none for an edit). */
  items: Item[];
  /** Edit user: the user item's edited attributes (GSI1 keys too, for an email change) before and after. */
  edit?: { before: Record<string, AttributeState>; after: Record<string, AttributeState> };
}

/** Keeps what an action removed, for 7 days (TTL), so its audit entry can undo it. */
export async function keepTombstone(id: string, tombstone: Tombstone): Promise<string> {
  const table = gatehouseTable();
  const until = new Date(Date.now() + UNDO_DAYS * 24 * 3600_000);
  await table.doc.put({
    TableName: table.schema.tableName,
    Item: { ...table.tombstoneKey(id), type: "TOMBSTONE", ...tombstone, expires: Math.floor(until.getTime() / 1000) },
  });
  return until.toISOString();
}

export async function readTombstone(id: string): Promise<(Tombstone & { claimed?: string }) | null> {
  const table = gatehouseTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.tombstoneKey(id), ConsistentRead: true });
  if (!Item || (typeof Item.expires === "number" && Item.expires * 1000 < Date.now())) return null;
  return Item as unknown as Tombstone & { claimed?: string };
}

/** Takes the tombstone for one undo; false when another undo has it already. */
export async function claimTombstone(id: string, by: string): Promise<boolean> {
  const table = gatehouseTable();
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.tombstoneKey(id),
      UpdateExpression: "SET #claimed = :by",
      ConditionExpression: "attribute_exists(#pk) AND attribute_not_exists(#claimed)",
      ExpressionAttributeNames: { "#claimed": "claimed", "#pk": table.names.pk },
      ExpressionAttributeValues: { ":by": by },
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function releaseTombstone(id: string): Promise<void> {
  const table = gatehouseTable();
  await table.doc.update({
    TableName: table.schema.tableName,
    Key: table.tombstoneKey(id),
    UpdateExpression: "REMOVE #claimed",
    ExpressionAttributeNames: { "#claimed": "claimed" },
  });
}
