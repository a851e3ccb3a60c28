import "server-only";
import { roleFor, type Scope, scopesFor } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import type { ApiKeyOperator, ConsoleOperator, Operator } from "./principal";

export class ForbiddenError extends Error {
  constructor(message = "You are not allowed to do this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The role that first carries a scope, for messages a console operator understands. */
const roleNeeded = (scope: Scope) => (scopesFor("viewer").includes(scope) ? "viewer" : "admin");

function authorizeConsole(operator: ConsoleOperator, needed: Scope): ConsoleOperator {
  const role = roleFor(operator.email, serverConfig());
  if (!role) throw new ForbiddenError("This operator is no longer allowed in.");
  if (!scopesFor(role).includes(needed)) throw new ForbiddenError(`This needs the ${roleNeeded(needed)} role; you are a ${role}.`);
  return { ...operator, role };
}

/** A key is as good as its creator: refused once they are no longer an admin, or it is revoked or expired. */
function authorizeKey(key: ApiKeyOperator, needed: Scope, now: number): ApiKeyOperator {
  if (key.revokedAt !== null) throw new ForbiddenError("This API key has been revoked.");
  // Written so that an expiry that could not be read (NaN) refuses too.
  if (!(key.expiresAt > now)) throw new ForbiddenError("This API key has expired.");
  if (roleFor(key.email, serverConfig()) !== "admin")
    throw new ForbiddenError(`This API key's creator (${key.email}) is no longer an admin, so the key is refused.`);
  if (!key.scopes.includes(needed)) throw new ForbiddenError(`This needs the ${needed} scope; this API key has ${key.scopes.join(", ") || "none"}.`);
  return key;
}

/**
 * Every DAL function starts here with the scope it needs: `read` for reads, a write scope for
 * mutations. A console operator's role is derived again from the allow-lists (so one removed
 * from them is refused at once) and mapped onto scopes; an API key carries its own.
 */
export function authorize<T extends Operator>(operator: T | null | undefined, needed: Scope, now = Date.now()): T {
  if (!operator) throw new ForbiddenError("Sign in first.");
  return (operator.kind === "api-key" ? authorizeKey(operator, needed, now) : authorizeConsole(operator, needed)) as T;
}
