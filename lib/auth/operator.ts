import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { roleFor } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import { dynamoIsDown } from "@/lib/dynamo/breaker";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { auth } from "./index";
import { operatorSessionSchema } from "./operator-session";
import type { ConsoleOperator } from "./principal";

export type { ApiKeyOperator, ConsoleOperator, Operator } from "./principal";
export { principalId } from "./principal";

/** The signed-in operator, with the role the allow-lists give right now; null when anonymous or no longer allowed. */
export const currentOperator = cache(async (): Promise<ConsoleOperator | null> => {
  const session = await auth();
  // Auth.js turns an adapter failure into "no session": that is not a reason to sign out.
  if (!session && dynamoIsDown()) throw new DynamoUnavailableError("the session lookup failed");
  const email = session?.user?.email;
  const role = roleFor(email, serverConfig());
  if (!email || !role) return null;
  const claims = operatorSessionSchema.safeParse((session as { gatehouse?: unknown }).gatehouse);
  return { email, name: session.user?.name ?? null, role, session: claims.success ? claims.data : undefined };
});

/** For pages: the operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<ConsoleOperator> {
  const operator = await currentOperator();
  if (!operator) redirect("/signin");
  return operator;
}
