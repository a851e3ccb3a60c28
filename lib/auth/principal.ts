import type { Role, Scope } from "@/lib/auth/roles";
import type { OperatorSession } from "./operator-session";

/** Someone signed in to the console: what they may do follows from their role on the allow-lists. */
export interface ConsoleOperator {
  kind?: "console";
  email: string;
  name: string | null;
  role: Role;
  /** The console session this operator came with; absent outside a request (scripts, tests). */
  session?: OperatorSession;
}

/** A call of the management API: what it may do is the key's scopes, while its creator is still an admin. */
export interface ApiKeyOperator {
  kind: "api-key";
  keyId: string;
  /** The key's name, as its creator gave it. */
  name: string;
  scopes: Scope[];
  /** The creator's email: the key acts on their behalf, and is refused once they are no longer an admin. */
  email: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms; null while the key is active. */
  revokedAt: number | null;
}

/** Whoever the DAL authorizes: a console operator or an API key. */
export type Operator = ConsoleOperator | ApiKeyOperator;

/** Whose budget, lease or cursor it is: the operator's email, or the key (never shared with its creator). */
export function principalId(operator: Operator): string {
  return operator.kind === "api-key" ? `api-key:${operator.keyId}` : operator.email;
}
