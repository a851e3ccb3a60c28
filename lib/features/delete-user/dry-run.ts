import "server-only";
import { chargedDryRun } from "@/lib/auth/dry-run";
import type { Operator } from "@/lib/auth/operator";
import { productTable } from "@/lib/dynamo/product-table";
import { partitionItems } from "@/lib/dynamo/user-items";
import { deleteUserPreview } from "@/lib/features/delete-user/preview";

/**
 * What Delete user would do, changing nothing: counts of what would go and the dialog's text,
 * from the same reads deleteUser makes (the user's partition, their sign-in tokens). Needs read
 * and users:write, as the action does. Null when there is no such user.
 */
export async function previewDeleteUser(operator: Operator | null, userId: string) {
  return chargedDryRun(operator, "users:write", async () => {
    const table = productTable();
    const items = await partitionItems(table, table.keys.userPartition(userId));
    const parsed = items.map((item) => ({ item, parsed: table.keys.parse(item) }));
    const user = parsed.find((p) => p.parsed.kind === "user")?.item;
    if (!user) return null;
    const email = typeof user.email === "string" && user.email ? user.email : null;
    const name = typeof user.name === "string" && user.name ? user.name : null;
    const tokens = email
      ? (await partitionItems(table, table.keys.verificationTokenPartition(email))).filter((item) => table.keys.parse(item).kind === "verificationToken").length
      : 0;
    const providers = parsed.flatMap((p) => (p.parsed.kind === "account" ? [p.parsed.provider] : []));
    const counts = {
      accounts: providers.length,
      sessions: parsed.filter((p) => p.parsed.kind === "session").length,
      verificationTokens: tokens,
      other: parsed.filter((p) => p.parsed.kind === "unknown").length,
    };
    const text = deleteUserPreview({
      owner: email ?? userId,
      name,
      hasEmail: email !== null,
      providers,
      sessions: counts.sessions,
      tokens,
      otherItems: counts.other,
    });
    return { ...text, user: { id: userId, email, name }, providers, counts };
  });
}
