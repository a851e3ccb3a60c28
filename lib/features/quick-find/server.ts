import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { lookUpAccount } from "@/lib/features/accounts/server";
import { lookUpSession } from "@/lib/features/sessions/server";
import { tokensForIdentifier } from "@/lib/features/tokens/server";
import { lookUpUser } from "@/lib/features/users/server";
import type { QuickFindResult } from "./schema";

// Defined in schema.ts, where the palette can reach it; re-exported for the action that answers with it.
export type { QuickFindResult };

const PROVIDER_ACCOUNT = /^([A-Za-z0-9_.-]{1,64}):(.+)$/;

/**
 * What the palette resolves, each by the one lookup that answers it: an email (GSI1), a
 * `provider:providerAccountId` (GSI1), a user id (GetItem), or a session token (GSI1).
 */
export async function quickFind(operator: Operator | null, input: string): Promise<QuickFindResult> {
  authorize(operator, "read");
  const query = input.trim();
  if (!query) return { found: false, message: "Type an email, a user id, provider:accountId or a session token." };

  if (query.includes("@") && !PROVIDER_ACCOUNT.test(query.split("@")[0] ?? "")) {
    const user = await lookUpUser(operator, query);
    if (user.id) return { found: true, href: `/users/${encodeURIComponent(user.id)}`, what: "user" };
    const tokens = await tokensForIdentifier(operator, query.toLowerCase());
    if (tokens.rows.length) return { found: true, href: `/verification-tokens?identifier=${encodeURIComponent(query.toLowerCase())}`, what: "sign-in tokens" };
    return { found: false, message: `No user has the email ${query}.` };
  }

  const account = PROVIDER_ACCOUNT.exec(query);
  if (account) {
    const { userId } = await lookUpAccount(operator, account[1] ?? "", account[2] ?? "");
    if (userId) return { found: true, href: `/users/${encodeURIComponent(userId)}`, what: "account" };
    return { found: false, message: `No ${account[1]} account has the id ${account[2]}.` };
  }

  const user = await lookUpUser(operator, query);
  if (user.id) return { found: true, href: `/users/${encodeURIComponent(user.id)}`, what: "user" };
  const session = await lookUpSession(operator, query);
  if (session.userId) return { found: true, href: `/users/${encodeURIComponent(session.userId)}#sessions`, what: "session" };
  return { found: false, message: "No user id or session token matches that." };
}
