import "server-only";
import { chargedDryRun } from "@/lib/auth/dry-run";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";
import { partitionItems } from "@/lib/dynamo/user-items";
import { isLastWayIn, unlinkPreview } from "@/lib/features/unlink/preview";

export type UnlinkPreview = ReturnType<typeof unlinkPreview> & {
  user: { id: string; email: string | null };
  account: { provider: string; providerAccountId: string };
};

/**
 * What Unlink would do, changing nothing: the dialog's text, worked out from the partition as
 * unlinkAccount works it out (one Query). Needs read and accounts:write, as the action does. Null when
 * the user has no such account.
 */
export async function previewUnlinkAccount(
  operator: Operator | null,
  request: { userId: string; provider: string; providerAccountId: string },
): Promise<UnlinkPreview | null> {
  return chargedDryRun(operator, "accounts:write", async () => {
    const table = productTable();
    let user: Record<string, unknown> | undefined;
    let found = false;
    let accounts = 0;
    for (const item of await partitionItems(table, table.keys.userPartition(request.userId))) {
      const parsed = table.keys.parse(item);
      if (parsed.kind === "user") user = item;
      if (parsed.kind === "account") {
        accounts++;
        if (parsed.provider === request.provider && parsed.providerAccountId === request.providerAccountId) found = true;
      }
    }
    if (!found) return null;
    const email = typeof user?.email === "string" && user.email ? user.email : null;
    const text = unlinkPreview({
      provider: request.provider,
      providerAccountId: request.providerAccountId,
      owner: email ?? request.userId,
      hasEmail: email !== null,
      lastWayIn: isLastWayIn(accounts, user?.emailVerified),
    });
    return { ...text, user: { id: request.userId, email }, account: { provider: request.provider, providerAccountId: request.providerAccountId } };
  });
}
