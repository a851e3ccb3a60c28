import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import { keepTombstone } from "@/lib/audit/tombstones";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";
import { partitionItems } from "@/lib/dynamo/user-items";
import { isLastWayIn } from "@/lib/features/unlink/preview";

export interface UnlinkRequest {
  userId: string;
  provider: string;
  providerAccountId: string;
  reason?: string | null;
  /** Required when this is the user's last way to sign in: their email, typed by the operator. */
  confirmEmail?: string;
}

/**
 * Deletes one linked account. What it removes is kept as a tombstone for undo. When it is the
 * user's last way to sign in (no other account, no verified email), the operator must type
 * the user's email.
 */
export async function unlinkAccount(operator: Operator | null, request: UnlinkRequest) {
  const target = { userId: request.userId, provider: request.provider, providerAccountId: request.providerAccountId };
  return audited(operator, "unlink-account", target, request.reason ?? null, async ({ requestId }): Promise<Outcome> => {
    const table = productTable();
    const items = await partitionItems(table, table.keys.userPartition(request.userId));
    let user: Record<string, unknown> | undefined;
    let account: Record<string, unknown> | undefined;
    let accounts = 0;
    for (const item of items) {
      const parsed = table.keys.parse(item);
      if (parsed.kind === "user") user = item;
      if (parsed.kind === "account") {
        accounts++;
        if (parsed.provider === request.provider && parsed.providerAccountId === request.providerAccountId) account = item;
      }
    }
    const email = typeof user?.email === "string" ? user.email : undefined;
    const withEmail = { ...target, email };
    if (!account)
      return {
        result: "ok",
        message: `${request.provider} account ${request.providerAccountId} was already unlinked.`,
        counts: { unlinked: 0 },
        target: withEmail,
      };
    const lastWayIn = isLastWayIn(accounts, user?.emailVerified);
    if (lastWayIn && (!email || request.confirmEmail?.trim().toLowerCase() !== email.toLowerCase())) {
      throw new RefusedError(`This is ${email ?? "the user"}'s last way to sign in; type their email to unlink it.`);
    }
    const undoUntil = await keepTombstone(requestId, { kind: "unlink-account", userId: request.userId, items: [account] });
    try {
      await table.doc.delete({
        TableName: table.schema.tableName,
        Key: table.keys.keyOf(account),
        ConditionExpression: "attribute_exists(#pk)",
        ExpressionAttributeNames: { "#pk": table.keys.names.pk },
      });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return {
          result: "ok",
          message: `${request.provider} account ${request.providerAccountId} was already unlinked.`,
          counts: { unlinked: 0 },
          target: withEmail,
        };
      }
      throw error;
    }
    return {
      result: "ok",
      message: `Unlinked ${request.provider} account ${request.providerAccountId} from ${email ?? request.userId}.${lastWayIn ? " They can no longer sign in." : ""}`,
      counts: { unlinked: 1 },
      undoUntil,
      target: withEmail,
    };
  });
}
