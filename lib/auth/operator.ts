import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { serverConfig } from "@/lib/config";
import { dynamoIsDown } from "@/lib/dynamo/breaker";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { roleFor, type Role } from "@/lib/roles";
import { auth } from "./index";

export interface Operator {
  email: string;
  name: string | null;
  role: Role;
}

/** The signed-in operator, with the role the allow-lists give right now; null when anonymous or no longer allowed. */
export const currentOperator = cache(async (): Promise<Operator | null> => {
  const session = await auth();
  // Auth.js turns an adapter failure into "no session": that is not a reason to sign out.
  if (!session && dynamoIsDown()) throw new DynamoUnavailableError("the session lookup failed");
  const email = session?.user?.email;
  const role = roleFor(email, serverConfig());
  if (!email || !role) return null;
  return { email, name: session.user?.name ?? null, role };
});

/** For pages: the operator, or a redirect to sign-in. */
export async function requireOperator(): Promise<Operator> {
  const operator = await currentOperator();
  if (!operator) redirect("/signin");
  return operator;
}
