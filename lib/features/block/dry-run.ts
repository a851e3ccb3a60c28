import "server-only";
import { chargedDryRun } from "@/lib/auth/dry-run";
import type { Operator } from "@/lib/auth/operator";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { sessionKeysOf } from "@/lib/dynamo/sessions-of-user";
import { GUARD_ATTRIBUTES, toBlockView } from "@/lib/features/block/contract";
import type { BlockDuration } from "@/lib/features/block/durations";
import { blockPreview, unblockPreview } from "@/lib/features/block/preview";
import type { BlockView } from "@/lib/features/block/schema";
import { readGuardStatus } from "@/lib/features/guard/heartbeats";

async function userWithBlock(table: ProductTable, userId: string): Promise<{ email: string | null; block: BlockView | null } | null> {
  const { Item } = await table.doc.get({
    TableName: table.schema.tableName,
    Key: table.keys.user(userId),
    ProjectionExpression: "#id, #email, #block",
    ExpressionAttributeNames: { "#id": "id", "#email": "email", "#block": GUARD_ATTRIBUTES.block },
  });
  if (!Item) return null;
  return { email: typeof Item.email === "string" && Item.email ? Item.email : null, block: toBlockView(Item[GUARD_ATTRIBUTES.block], Date.now()) };
}

/**
 * What Block would do, changing nothing: the dialog's text, its session count and the guard's
 * status line. Needs read and users:write, as the action does. Null when there is no such user.
 */
export async function previewBlockUser(operator: Operator | null, request: { userId: string; duration: BlockDuration }) {
  return chargedDryRun(operator, "users:write", async () => {
    const table = productTable();
    const user = await userWithBlock(table, request.userId);
    if (!user) return null;
    const [keys, guard] = await Promise.all([sessionKeysOf(table, request.userId), readGuardStatus()]);
    const text = blockPreview({ owner: user.email ?? request.userId, duration: request.duration, current: user.block, sessions: keys.size });
    return {
      ...text,
      user: { id: request.userId, email: user.email },
      block: user.block,
      sessions: keys.size,
      guard: { active: guard.active === true, text: guard.text },
    };
  });
}

/** What Unblock would do, changing nothing: the dialog's text. Needs read and users:write. Null when there is no such user. */
export async function previewUnblockUser(operator: Operator | null, userId: string) {
  return chargedDryRun(operator, "users:write", async () => {
    const user = await userWithBlock(productTable(), userId);
    if (!user) return null;
    return { ...unblockPreview({ owner: user.email ?? userId, block: user.block }), user: { id: userId, email: user.email }, block: user.block };
  });
}
